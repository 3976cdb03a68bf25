package io.firebell.platform.webhooks;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Standard Webhooks (https://www.standardwebhooks.com) signing for every outgoing webhook
 * (broadcast deliveries, detection's pages), through the specification's own library: {@code
 * webhook-id}, {@code webhook-timestamp} and {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">}, keyed with the base64-decoded part of a {@code whsec_} secret. The library
 * signs with one secret and throws checked exceptions; this class adds signing with several secrets
 * (a rotation) and secret generation.
 */
public final class StandardWebhooks {

  public static final String ID = Webhook.UNBRANDED_MSG_ID_KEY;
  public static final String TIMESTAMP = Webhook.UNBRANDED_MSG_TIMESTAMP_KEY;
  public static final String SIGNATURE = Webhook.UNBRANDED_MSG_SIGNATURE_KEY;
  private static final SecureRandom RANDOM = new SecureRandom();

  private StandardWebhooks() {}

  /** A fresh secret: {@code whsec_} and 32 random bytes in base64. */
  public static String newSecret() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Webhook.SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** The webhook-id of a message: the same for every attempt, so receivers can deduplicate. */
  public static String messageId(UUID message) {
    return "msg_" + message;
  }

  /** One {@code v1,<sig>} per secret, space-separated (during a rotation: new first, then old). */
  public static String signature(
      List<String> secrets, String id, long timestampSeconds, String body) {
    return secrets.stream()
        .map(secret -> sign(secret, id, timestampSeconds, body))
        .collect(Collectors.joining(" "));
  }

  /** {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">} with one secret. */
  public static String sign(String secret, String id, long timestampSeconds, String body) {
    try {
      return new Webhook(secret).sign(id, timestampSeconds, body);
    } catch (EmptyWebhookSecretException e) {
      throw new IllegalArgumentException("an empty webhook secret", e);
    } catch (WebhookSigningException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
