package io.firebell.broadcast.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebell.platform.webhooks.StandardWebhooks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {

  /**
   * The Standard Webhooks / Svix reference vector (svix-webhooks go/webhook_test.go), signed as a
   * delivery is.
   */
  @Test
  void signsTheSpecTestVector() {
    String signature =
        StandardWebhooks.signature(
            List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330L,
            "{\"test\": 2432232314}");
    assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void signsWithEverySecretDuringARotation() {
    String a = StandardWebhooks.newSecret();
    String b = StandardWebhooks.newSecret();
    String both = StandardWebhooks.signature(List.of(a, b), "msg_1", 1L, "{}");
    assertThat(both.split(" "))
        .containsExactly(
            StandardWebhooks.sign(a, "msg_1", 1L, "{}"),
            StandardWebhooks.sign(b, "msg_1", 1L, "{}"));
  }

  @Test
  void readsRetryAfterAsSecondsOrHttpDate() {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    assertThat(DeliverySender.retryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
    assertThat(DeliverySender.retryAfter("Sun, 01 Mar 2026 10:00:30 GMT", now))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(DeliverySender.retryAfter("Sun, 01 Mar 2026 09:00:00 GMT", now))
        .isEqualTo(Duration.ZERO);
    assertThat(DeliverySender.retryAfter("soon", now)).isNull();
    assertThat(DeliverySender.retryAfter(null, now)).isNull();
  }

  @Test
  void retryPolicyBacksOffWithFullJitterThenGivesUp() {
    RetryPolicy policy =
        new RetryPolicy(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5)), Duration.ofHours(1));
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    AttemptResult failed =
        new AttemptResult(AttemptResult.Outcome.RETRYABLE, 500, "HTTP 500", null, now, 5);
    for (int i = 0; i < 100; i++) {
      Instant first = policy.nextAttempt(failed, 1, now);
      assertThat(first).isAfter(now).isBeforeOrEqualTo(now.plusSeconds(5));
      Instant second = policy.nextAttempt(failed, 2, now);
      assertThat(second).isAfter(now).isBeforeOrEqualTo(now.plusSeconds(300));
    }
    assertThat(policy.nextAttempt(failed, 3, now)).isNull();
    AttemptResult limited =
        new AttemptResult(
            AttemptResult.Outcome.RETRYABLE, 429, "HTTP 429", Duration.ofHours(5), now, 5);
    assertThat(policy.nextAttempt(limited, 1, now)).isEqualTo(now.plus(Duration.ofHours(1)));
    AttemptResult permanent =
        new AttemptResult(AttemptResult.Outcome.PERMANENT, 404, "HTTP 404", null, now, 5);
    assertThat(policy.nextAttempt(permanent, 1, now)).isNull();
  }
}
