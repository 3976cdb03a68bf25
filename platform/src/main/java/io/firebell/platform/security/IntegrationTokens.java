package io.firebell.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Per-integration tokens (monitoring tools, CI/CD, the CS desk). A token is shown once when it is
 * made; only its SHA-256 hash is stored, so a database leak does not leak tokens. The tokens carry
 * 256 random bits, so an unsalted fast hash is sufficient (they cannot be guessed from it).
 */
public final class IntegrationTokens {

  public static final String PREFIX = "fbi_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private IntegrationTokens() {}

  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
