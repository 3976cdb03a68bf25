package io.firebell.console.auth;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/** Signing in with a local account, and signing out. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance signIn(
        String next, String username, String error, String notice, boolean oidc);
  }

  @Inject Accounts accounts;
  @Inject Sessions sessions;
  @Inject ConsoleTokens tokens;
  @Inject HttpServerResponse response;
  @Inject Clock clock;

  @ConfigProperty(name = "firebell.console.session.cookie-secure")
  boolean secureCookie;

  @ConfigProperty(name = "quarkus.oidc.tenant-enabled")
  boolean oidc;

  @GET
  @PermitAll
  public Response root() {
    return Response.seeOther(URI.create("/incidents")).build();
  }

  @GET
  @Path("sign-in")
  @PermitAll
  public Response signInPage(
      @RestQuery String next, @RestQuery String done, @RestCookie(Sessions.COOKIE) String cookie) {
    if (cookie != null && sessions.find(cookie).isPresent()) {
      return Response.seeOther(URI.create(safeNext(next))).build();
    }
    // A query parameter without a value ("?signed-out") reads as null: the word is a value.
    String notice = "signed-out".equals(done) ? "You have signed out." : null;
    return Response.ok(Templates.signIn(safeNext(next), "", null, notice, oidc)).build();
  }

  @POST
  @Path("sign-in")
  @PermitAll
  public Response signIn(
      @RestForm String username, @RestForm String password, @RestForm String next) {
    String name = username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
    Accounts.Check check = accounts.check(name, password == null ? "" : password);
    return switch (check.outcome()) {
      case SIGNED_IN -> {
        Sessions.Created created = sessions.create(check.account());
        response.addCookie(sessionCookie(created.cookieValue(), -1));
        yield Response.seeOther(URI.create(safeNext(next))).build();
      }
      case LOCKED ->
          Response.status(429)
              .header(
                  "Retry-After",
                  Math.max(
                      1,
                      Duration.between(clock.instant(), check.account().lockedUntil()).toSeconds()))
              .entity(
                  Templates.signIn(
                      safeNext(next),
                      name,
                      "Too many wrong passwords: this account is locked until "
                          + DateTimeFormatter.ofPattern("HH:mm 'UTC'")
                              .format(check.account().lockedUntil().atOffset(ZoneOffset.UTC))
                          + ". An admin can unlock it by setting a new password.",
                      null,
                      oidc))
              .build();
      case DISABLED ->
          Response.status(403)
              .entity(
                  Templates.signIn(
                      safeNext(next), name, "This account is disabled. Ask an admin.", null, oidc))
              .build();
      case WRONG ->
          Response.status(401)
              .entity(
                  Templates.signIn(safeNext(next), name, "Wrong username or password.", null, oidc))
              .build();
    };
  }

  @POST
  @Path("sign-out")
  @Authenticated
  public Response signOut(@RestCookie(Sessions.COOKIE) String cookie) {
    if (cookie == null && oidc) {
      // signed in through the identity provider: its logout (RP-initiated) ends that session
      return Response.seeOther(URI.create("/oidc/sign-out")).build();
    }
    if (cookie != null) {
      sessions
          .find(cookie)
          .ifPresent(
              s -> {
                sessions.end(s.idHash());
                tokens.forget(s.account().username());
              });
    }
    response.addCookie(sessionCookie("", 0));
    return Response.seeOther(URI.create("/sign-in?done=signed-out")).build();
  }

  private Cookie sessionCookie(String value, long maxAge) {
    Cookie c =
        Cookie.cookie(Sessions.COOKIE, value)
            .setPath("/")
            .setHttpOnly(true)
            .setSecure(secureCookie)
            .setSameSite(CookieSameSite.LAX);
    if (maxAge >= 0) {
      c.setMaxAge(maxAge);
    }
    return c;
  }

  /** Only a path of this console: never another site (an open redirect). */
  static String safeNext(String next) {
    if (next == null
        || !next.startsWith("/")
        || next.startsWith("//")
        || next.startsWith("/\\")
        || next.startsWith("/sign-")) {
      return "/incidents";
    }
    return next;
  }
}
