package io.firebell.broadcast.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks (https://www.standardwebhooks.com) signing: {@code webhook-id}, {@code
 * webhook-timestamp} and {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">},
 * keyed with the base64-decoded part of the {@code whsec_} secret.
 */
public final class StandardWebhooks {

  public static final String ID = "webhook-id";
  public static final String TIMESTAMP = "webhook-timestamp";
  public static final String SIGNATURE = "webhook-signature";
  private static final String PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private StandardWebhooks() {}

  /** A fresh secret: {@code whsec_} and 32 random bytes in base64. */
  public static String newSecret() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** The webhook-id of a delivery: the same for every attempt, so receivers can deduplicate. */
  public static String messageId(UUID deliveryId) {
    return "msg_" + deliveryId;
  }

  /** One {@code v1,<sig>} per secret, space-separated (during a rotation: new first, then old). */
  public static String signature(
      List<String> secrets, String id, long timestampSeconds, String body) {
    return secrets.stream()
        .map(secret -> "v1," + sign(secret, id, timestampSeconds, body))
        .collect(Collectors.joining(" "));
  }

  /** The base64 HMAC-SHA256 of {@code id.timestamp.body}. */
  public static String sign(String secret, String id, long timestampSeconds, String body) {
    String raw = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(raw), "HmacSHA256"));
      byte[] signed =
          mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(signed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
