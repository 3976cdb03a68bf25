package io.firebell.platform.integration;

import io.firebell.platform.security.Roles;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a presented integration token into the integration's identity (role {@code integration},
 * with its id, name and kind), through the {@link IntegrationAuthenticator}.
 */
@ApplicationScoped
public class IntegrationIdentityProvider implements IdentityProvider<IntegrationTokenRequest> {

  private final IntegrationAuthenticator authenticator;

  public IntegrationIdentityProvider(IntegrationAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public Class<IntegrationTokenRequest> getRequestType() {
    return IntegrationTokenRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      IntegrationTokenRequest request, AuthenticationRequestContext context) {
    return authenticator
        .find(request.token())
        .map(
            entry -> {
              if (entry == null) {
                throw new AuthenticationFailedException("unknown integration token");
              }
              return identity(entry);
            });
  }

  private static SecurityIdentity identity(IntegrationTokenCache.Entry e) {
    return QuarkusSecurityIdentity.builder()
        .setPrincipal(new QuarkusPrincipal("integration:" + e.name()))
        .addRole(Roles.INTEGRATION)
        .addAttribute(IntegrationCaller.ID, e.id())
        .addAttribute(IntegrationCaller.NAME, e.name())
        .addAttribute(IntegrationCaller.KIND, e.kind())
        .build();
  }
}
