package io.firebell.console.auth;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Cross-site request forgery: every state-changing request must carry the person's token — the form
 * field {@code _csrf} (every form of the console has it) or the header {@code X-CSRF-Token} — and,
 * when the browser names an {@code Origin}, come from the console's own origin. A request that
 * fails either gets 403. Signing in is the one form without a session yet: it is held to the origin
 * rule only.
 */
public class CsrfFilter {

  public static final String FIELD = "_csrf";
  public static final String HEADER = "X-CSRF-Token";
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  @Inject CurrentIdentityAssociation identities;
  @Inject Person.CsrfKey csrfKey;

  @ServerRequestFilter
  @WithFormRead
  public Uni<Response> check(ResteasyReactiveContainerRequestContext request) {
    if (SAFE.contains(request.getMethod())) {
      return Uni.createFrom().nullItem();
    }
    if (!sameOrigin(request)) {
      return Uni.createFrom().item(forbidden("This request came from another site."));
    }
    String path = request.getUriInfo().getPath();
    if (path.equals("/sign-in")) {
      return Uni.createFrom().nullItem();
    }
    String presented = request.getHeaderString(HEADER);
    if (presented == null) {
      ResteasyReactiveRequestContext context =
          (ResteasyReactiveRequestContext) request.getServerRequestContext();
      Object field = context.getFormParameter(FIELD, true, false);
      presented = field == null ? null : field.toString();
    }
    String token = presented;
    return identities
        .getDeferredIdentity()
        .map(
            identity -> {
              if (identity.isAnonymous()) {
                return null; // the page's own security answers 401 or sends to sign-in
              }
              String expected = expectedToken(identity, csrfKey);
              boolean ok =
                  token != null
                      && !expected.isEmpty()
                      && MessageDigest.isEqual(
                          expected.getBytes(StandardCharsets.UTF_8),
                          token.getBytes(StandardCharsets.UTF_8));
              return ok
                  ? null
                  : forbidden(
                      "This form has expired or did not come from the console. Reload the page"
                          + " and try again.");
            });
  }

  /** The CSRF token of {@code identity}'s session (see {@link Person#csrfToken()}). */
  static String expectedToken(SecurityIdentity identity, Person.CsrfKey key) {
    Sessions.Session s = identity.getAttribute(SessionAuthenticationMechanism.SESSION);
    if (s != null) {
      return s.csrfToken();
    }
    if (identity.getPrincipal() instanceof JsonWebToken jwt) {
      Object sid = jwt.getClaim("sid");
      return key.sign(
          sid != null ? "sid:" + sid : "sub:" + jwt.getSubject() + ":" + jwt.getClaim("auth_time"));
    }
    return "";
  }

  private static boolean sameOrigin(ResteasyReactiveContainerRequestContext request) {
    String origin = request.getHeaderString("Origin");
    if (origin == null) {
      return true; // not a browser's cross-origin request (browsers send Origin with every POST)
    }
    String host = request.getHeaderString(HttpHeaders.HOST);
    try {
      URI o = URI.create(origin);
      if (o.getHost() == null) {
        return false; // "null": a sandboxed or file origin
      }
      String authority = o.getPort() == -1 ? o.getHost() : o.getHost() + ":" + o.getPort();
      return host != null && host.equalsIgnoreCase(authority);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Response forbidden(String detail) {
    return Response.status(403)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Refused"
                + " — Firebell</title></head><body><main><h1>Refused</h1><p>"
                + detail
                + "</p><p><a href=\"/\">Back to the console</a></p></main></body></html>")
        .build();
  }
}
