package io.firebell.platform.testing;

import io.firebell.client.JwtMinter;
import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Signed JWTs for tests, with the test key the %test profile trusts. */
public final class TestTokens {

  private static final JwtMinter MINTER = JwtMinter.fromClasspath("firebell-test-jwt-private.pem");

  private TestTokens() {}

  /** A token for {@code person@firebell.test} holding the given roles. */
  public static String of(String person, String... roles) {
    return MINTER.mint(person, roles);
  }

  public static String bearer(String person, String... roles) {
    return MINTER.bearer(person, roles);
  }

  /** A token signed by a key nobody trusts. */
  public static String forged(String person, String... roles) {
    return Jwt.issuer("firebell")
        .upn(person)
        .groups(Set.of(roles))
        .signWithSecret("an-hmac-secret-that-no-service-trusts-at-all");
  }

  /**
   * Tokens signed with the trusted key that must still be refused, by what is wrong with them:
   * expired, not yet valid, another issuer, another audience, no audience.
   */
  public static List<Flawed> flawed(String person, String... roles) {
    Instant now = Instant.now();
    JwtMinter.Claims valid = JwtMinter.Claims.testPerson(person, roles);
    Duration hour = Duration.ofHours(1);
    return List.of(
        new Flawed(
            "expired",
            MINTER.mint(
                new JwtMinter.Claims(
                    valid.subject(),
                    person,
                    valid.groups(),
                    now.minus(hour.multipliedBy(2)),
                    now.minus(hour)))),
        new Flawed(
            "not yet valid",
            MINTER.mint(
                new JwtMinter.Claims(
                    valid.subject(),
                    person,
                    valid.groups(),
                    now,
                    now.plus(hour.multipliedBy(2)),
                    now.plus(hour)))),
        new Flawed("another issuer", MINTER.withIssuer("someone-else").mint(valid)),
        new Flawed("another audience", MINTER.withAudience("another-app").mint(valid)),
        new Flawed("no audience", MINTER.withAudience(null).mint(valid)));
  }

  /** A token and what is wrong with it. */
  public record Flawed(String flaw, String token) {
    @Override
    public String toString() {
      return flaw;
    }
  }
}
