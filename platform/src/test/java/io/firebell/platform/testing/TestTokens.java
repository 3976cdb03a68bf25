package io.firebell.platform.testing;

import io.firebell.client.JwtMinter;
import io.smallrye.jwt.build.Jwt;
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
}
