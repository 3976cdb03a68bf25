package io.firebell.platform.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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
    if (identity.hasRole(Roles.ADMIN)) {
      builder.addRoles(ALL);
    } else if (identity.hasRole(Roles.RESPONDER)
        || identity.hasRole(Roles.COMMUNICATOR)
        || identity.hasRole(Roles.REVIEWER)) {
      builder.addRole(Roles.VIEWER);
    }
    return Uni.createFrom().item(builder.build());
  }
}
