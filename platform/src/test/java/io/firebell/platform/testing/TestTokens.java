package io.firebell.platform.testing;

import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.util.Set;

/** Signed JWTs for tests, with the test key the %test profile trusts. */
public final class TestTokens {

  private TestTokens() {}

  /** A token for {@code person@firebell.test} holding the given roles. */
  public static String of(String person, String... roles) {
    return Jwt.issuer("firebell")
        .upn(person + "@firebell.test")
        .preferredUserName(person)
        .subject(person + "@firebell.test")
        .groups(Set.of(roles))
        .expiresIn(Duration.ofHours(1))
        .sign();
  }

  public static String bearer(String person, String... roles) {
    return "Bearer " + of(person, roles);
  }

  /** A token signed by a key nobody trusts. */
  public static String forged(String person, String... roles) {
    return Jwt.issuer("firebell")
        .upn(person)
        .groups(Set.of(roles))
        .signWithSecret("an-hmac-secret-that-no-service-trusts-at-all");
  }
}
