package io.firebell.platform.integration;

import io.firebell.platform.security.IntegrationTokens;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Authenticates monitoring tools, CI/CD and the CS desk by their integration token in {@code
 * Authorization: Bearer fbi_…} (what Alertmanager's {@code http_config.authorization} sends). It
 * runs before the JWT mechanism and leaves every other bearer token to it.
 */
@ApplicationScoped
public class IntegrationAuthenticationMechanism implements HttpAuthenticationMechanism {

  private static final String BEARER = "Bearer ";

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    String token = presentedToken(context.request().getHeader("Authorization"));
    if (token == null) {
      return Uni.createFrom().nullItem();
    }
    return identityProviderManager.authenticate(
        HttpSecurityUtils.setRoutingContextAttribute(new IntegrationTokenRequest(token), context));
  }

  static String presentedToken(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String token = authorization.substring(BEARER.length()).trim();
    return token.startsWith(IntegrationTokens.PREFIX) ? token : null;
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(IntegrationTokenRequest.class);
  }

  @Override
  public int getPriority() {
    return DEFAULT_PRIORITY + 1000;
  }
}
