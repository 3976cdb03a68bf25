package io.firebell.platform.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Roles imply lesser ones, as in every incident tool: anyone who may act may also look (responder,
 * communicator and reviewer imply viewer), and an admin holds every role. Tokens then need carry
 * only the role a person was given.
 *
 * <p>A person's JWT never holds the {@code integration} role, whatever its {@code groups} say: that
 * role comes only from an integration token (IntegrationIdentityProvider), whose identity carries
 * the integration's id and kind that ingest relies on.
 */
@ApplicationScoped
public class ImpliedRolesAugmentor implements SecurityIdentityAugmentor {

  private static final Set<String> ALL =
      Set.of(Roles.VIEWER, Roles.RESPONDER, Roles.COMMUNICATOR, Roles.REVIEWER, Roles.ADMIN);

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous()) {
      return Uni.createFrom().item(identity);
    }
    Set<String> roles = new LinkedHashSet<>();
    for (String role : identity.getRoles()) {
      roles.addAll(held(role));
    }
    if (identity.getPrincipal() instanceof JsonWebToken) {
      roles.remove(Roles.INTEGRATION);
    }
    return Uni.createFrom()
        .item(
            QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addRoles(roles)
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .build());
  }

  /** The roles a holder of {@code role} has: itself and those it implies. */
  public static Set<String> held(String role) {
    Set<String> held = new LinkedHashSet<>();
    held.add(role);
    if (role.equals(Roles.ADMIN)) {
      held.addAll(ALL);
    } else if (role.equals(Roles.RESPONDER)
        || role.equals(Roles.COMMUNICATOR)
        || role.equals(Roles.REVIEWER)) {
      held.add(Roles.VIEWER);
    }
    return held;
  }
}
