package io.firebell.console.auth;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in person of this request, however they signed in: a local account's console session,
 * or the company's identity provider (OpenID Connect). Pages ask it who is there, what they may do,
 * the token to call the services with and the CSRF token their forms carry.
 */
@RequestScoped
@Named("person")
public class Person {

  @Inject SecurityIdentity identity;
  @Inject ConsoleTokens tokens;
  @Inject CsrfKey csrfKey;

  public boolean signedIn() {
    return !identity.isAnonymous();
  }

  public String username() {
    return identity.getPrincipal().getName();
  }

  public String displayName() {
    Sessions.Session s = session();
    if (s != null) {
      return s.account().displayName();
    }
    if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("name") != null) {
      return jwt.getClaim("name").toString();
    }
    return username();
  }

  public Set<String> roles() {
    return new TreeSet<>(Roles.implied(identity.getRoles()));
  }

  /** The roles as people read them: {@code responder, viewer}. */
  public String rolesText() {
    return String.join(", ", roles());
  }

  public boolean has(String role) {
    return roles().contains(role);
  }

  public boolean isResponder() {
    return has(Role.RESPONDER.word());
  }

  public boolean isCommunicator() {
    return has(Role.COMMUNICATOR.word());
  }

  public boolean isReviewer() {
    return has(Role.REVIEWER.word());
  }

  public boolean isAdmin() {
    return has(Role.ADMIN.word());
  }

  /** The local session, or null when the person signed in through the identity provider. */
  public Sessions.Session session() {
    return identity.getAttribute(SessionAuthenticationMechanism.SESSION);
  }

  /**
   * The bearer token for the services: a console-signed token for a local account, the identity
   * provider's access token for a company sign-in (the services verify it with the provider's
   * JWKS).
   */
  public String token() {
    Sessions.Session s = session();
    if (s != null) {
      return tokens.tokenFor(username(), s.account().roles());
    }
    AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
    if (access != null) {
      return access.getToken();
    }
    throw new IllegalStateException("no signed-in person");
  }

  /** The token this person's forms carry ({@link CsrfFilter#expectedToken}). */
  public String csrfToken() {
    return CsrfFilter.expectedToken(identity, csrfKey);
  }

  /** The HMAC key for identity-provider sessions' CSRF tokens (random per start unless set). */
  @jakarta.enterprise.context.ApplicationScoped
  public static class CsrfKey {
    private final byte[] key;

    CsrfKey(
        @org.eclipse.microprofile.config.inject.ConfigProperty(name = "firebell.console.csrf-key")
            java.util.Optional<String> configured) {
      this.key =
          configured
              .filter(k -> !k.isBlank())
              .orElseGet(Sessions::random)
              .getBytes(StandardCharsets.UTF_8);
    }

    public String sign(String basis) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(mac.doFinal(basis.getBytes(StandardCharsets.UTF_8)));
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
