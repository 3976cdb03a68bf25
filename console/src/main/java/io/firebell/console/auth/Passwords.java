package io.firebell.console.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt password hashes (cost 10, OWASP's floor for bcrypt); a password is never kept or logged in
 * clear. bcrypt reads at most 72 bytes, so longer passwords are refused where they are set.
 */
public final class Passwords {

  static final int COST = 10;
  public static final int MIN_LENGTH = 12;
  public static final int MAX_BYTES = 72;

  /** The hash every unknown username is checked against, so the answer's timing tells nothing. */
  private static final String DECOY = hash("firebell-decoy-password");

  private Passwords() {}

  public static String hash(String password) {
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  public static boolean matches(String password, String hash) {
    if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return false;
    }
    try {
      return BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  /** Spends the time of one check when there is no account to check against. */
  public static void decoyCheck(String password) {
    matches(password, DECOY);
  }

  /** Why {@code password} cannot be set, or null when it can. */
  public static String problem(String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      return "Use at least " + MIN_LENGTH + " characters.";
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "Use at most " + MAX_BYTES + " bytes (bcrypt reads no more).";
    }
    return null;
  }
}
