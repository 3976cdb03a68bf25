package io.firebell.platform.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Roles imply lesser ones, as in every incident tool: anyone who may act may also look (responder,
 * communicator and reviewer imply viewer), and an admin holds every role. Tokens then need carry
 * only the role a person was given.
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
    QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity);
    for (String role : identity.getRoles()) {
      builder.addRoles(held(role));
    }
    return Uni.createFrom().item(builder.build());
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
