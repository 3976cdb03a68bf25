package io.firebell.console.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Signs people in by the console's session cookie. Without a live session, a page request is sent
 * to the sign-in page (and back afterwards); anything else gets 401.
 */
@ApplicationScoped
public class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {

  /** The identity attribute holding the {@link Sessions.Session}. */
  public static final String SESSION = "firebell.session";

  /** A session cookie to check. */
  public static final class SessionRequest extends BaseAuthenticationRequest {
    final String cookie;

    SessionRequest(String cookie) {
      this.cookie = cookie;
    }
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    Cookie cookie = context.request().getCookie(Sessions.COOKIE);
    if (cookie == null || cookie.getValue().isEmpty()) {
      return Uni.createFrom().nullItem();
    }
    return identityProviderManager.authenticate(
        HttpSecurityUtils.setRoutingContextAttribute(
            new SessionRequest(cookie.getValue()), context));
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    if (context.request().method() == HttpMethod.GET && !isLiveStream(context)) {
      String next = context.request().uri();
      return Uni.createFrom()
          .item(
              new ChallengeData(
                  302,
                  HttpHeaders.LOCATION,
                  "/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
    }
    return Uni.createFrom().item(new ChallengeData(401, null, null));
  }

  private static boolean isLiveStream(RoutingContext context) {
    return context.request().path().startsWith("/live");
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(SessionRequest.class);
  }

  @Override
  public int getPriority() {
    // Before quarkus-oidc's code flow (when enabled): a console session wins, and the sign-in page
    // (not the identity provider) is where a person without one is sent.
    return 2000;
  }

  /** Finds the session behind a cookie (a blocking database read, off the event loop). */
  @ApplicationScoped
  public static class SessionIdentityProvider implements IdentityProvider<SessionRequest> {

    @Inject Sessions sessions;

    @Override
    public Class<SessionRequest> getRequestType() {
      return SessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
        SessionRequest request, AuthenticationRequestContext context) {
      return context.runBlocking(
          () ->
              sessions
                  .find(request.cookie)
                  .map(SessionIdentityProvider::identity)
                  .orElseThrow(AuthenticationFailedException::new));
    }

    static SecurityIdentity identity(Sessions.Session session) {
      Set<String> roles = new HashSet<>(session.account().roles());
      return QuarkusSecurityIdentity.builder()
          .setPrincipal(new QuarkusPrincipal(session.account().username()))
          .addRoles(Roles.implied(roles))
          .addAttribute(SESSION, session)
          .build();
    }
  }
}
