package io.firebell.platform.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
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
    Set<String> roles = new HashSet<>(identity.getRoles());
    if (identity.getPrincipal() instanceof JsonWebToken) {
      roles.remove(Roles.INTEGRATION);
    }
    if (roles.contains(Roles.ADMIN)) {
      roles.addAll(ALL);
    } else if (roles.contains(Roles.RESPONDER)
        || roles.contains(Roles.COMMUNICATOR)
        || roles.contains(Roles.REVIEWER)) {
      roles.add(Roles.VIEWER);
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
}
