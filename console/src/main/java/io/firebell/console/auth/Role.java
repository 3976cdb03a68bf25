package io.firebell.console.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The roles people hold, as the services read them from a token's {@code groups} claim. Responder,
 * communicator and reviewer each imply viewer; admin implies every role (the services apply the
 * same rule).
 */
public enum Role {
  VIEWER,
  RESPONDER,
  COMMUNICATOR,
  REVIEWER,
  ADMIN;

  /** The word in tokens, URLs and forms: {@code viewer}, {@code responder}… */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String word) {
    return Arrays.stream(values()).filter(r -> r.word().equals(word)).findFirst();
  }
}
