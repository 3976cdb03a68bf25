package io.firebell.platform.webhooks;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {

  @Test
  void headersAreTheUnbrandedOnes() {
    assertEquals(
        List.of("webhook-id", "webhook-timestamp", "webhook-signature"),
        List.of(StandardWebhooks.ID, StandardWebhooks.TIMESTAMP, StandardWebhooks.SIGNATURE));
  }

  /** What a receiver does with any Standard Webhooks library: each secret verifies the request. */
  @Test
  void aSignatureWithEverySecretOfARotationVerifiesWithEach() {
    String current = StandardWebhooks.newSecret();
    String old = StandardWebhooks.newSecret();
    long now = Instant.now().getEpochSecond();
    String both = StandardWebhooks.signature(List.of(current, old), "msg_1", now, "{}");
    Map<String, List<String>> headers =
        Map.of(
            StandardWebhooks.ID, List.of("msg_1"),
            StandardWebhooks.TIMESTAMP, List.of(Long.toString(now)),
            StandardWebhooks.SIGNATURE, List.of(both));

    assertEquals(2, both.split(" ").length);
    assertDoesNotThrow(() -> new Webhook(current).verify("{}", headers));
    assertDoesNotThrow(() -> new Webhook(old).verify("{}", headers));
    assertThrows(
        WebhookVerificationException.class,
        () -> new Webhook(StandardWebhooks.newSecret()).verify("{}", headers));
  }

  @Test
  void newSecretsAreWhsecAnd32RandomBytes() {
    String secret = StandardWebhooks.newSecret();
    assertTrue(secret.startsWith("whsec_"));
    assertEquals(32, Base64.getDecoder().decode(secret.substring(6)).length);
    assertNotEquals(secret, StandardWebhooks.newSecret());
  }

  @Test
  void aMessageIdIsMsgAndTheUuid() {
    UUID id = UUID.fromString("6f1c2b8e-0000-4000-8000-000000000001");
    assertEquals("msg_6f1c2b8e-0000-4000-8000-000000000001", StandardWebhooks.messageId(id));
  }
}
