package io.firebell.console.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebell.client.Http;
import io.firebell.client.JwtMinter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The short-lived RS256 tokens the console signs for locally signed-in people's calls to the
 * services (issuer and audience what the services verify, {@code firebell} by default), with the
 * client's {@link JwtMinter} and the console's key, whose public half {@link #jwks()} publishes. A
 * person's token is reused until a minute before it expires.
 */
@ApplicationScoped
public class ConsoleTokens {

  private final JwtMinter minter;
  private final Duration ttl;
  private final Clock clock;
  private final ConcurrentMap<String, Minted> cache = new ConcurrentHashMap<>();

  private record Minted(String token, Instant expiresAt) {}

  ConsoleTokens(
      @ConfigProperty(name = "firebell.console.signing-key.location") String keyLocation,
      @ConfigProperty(name = "firebell.console.token.ttl") Duration ttl,
      @ConfigProperty(name = "firebell.console.token.issuer") String issuer,
      @ConfigProperty(name = "firebell.console.token.audience") String audience,
      Clock clock) {
    if (keyLocation == null || keyLocation.isBlank()) {
      throw new IllegalStateException(
          "firebell.console.signing-key.location (FIREBELL_CONSOLE_SIGNING_KEY) names no key: the"
              + " console needs an RS256 PKCS#8 PEM key to sign people's tokens (docs/console.md)");
    }
    this.minter =
        JwtMinter.fromPem(Path.of(keyLocation.replaceFirst("^file:", "")))
            .withThumbprintKeyId()
            .withIssuer(issuer)
            .withAudience(audience);
    this.ttl = ttl;
    this.clock = clock;
  }

  /** The bearer token for {@code username} holding {@code roles}. */
  public String tokenFor(String username, Collection<String> roles) {
    String cacheKey = username + "\n" + String.join(",", roles);
    Instant now = clock.instant();
    Minted m = cache.get(cacheKey);
    if (m == null || m.expiresAt().minusSeconds(60).isBefore(now)) {
      Instant expires = now.plus(ttl);
      m =
          new Minted(
              minter.mint(new JwtMinter.Claims(username, username, roles, now, expires)), expires);
      cache.put(cacheKey, m);
    }
    return m.token();
  }

  /** Forgets a person's tokens (signed out, roles changed). */
  public void forget(String username) {
    cache.keySet().removeIf(k -> k.startsWith(username + "\n"));
  }

  /** The JSON Web Key Set the services verify the console's tokens with. */
  public ObjectNode jwks() {
    ObjectNode set = Http.JSON.createObjectNode();
    set.putArray("keys").add(minter.publicJwk());
    return set;
  }
}
