package io.firebell.detection.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebell.platform.webhooks.StandardWebhooks;
import org.junit.jupiter.api.Test;

/** A page's webhook-signature, as PageScheduler computes it, against the specification. */
class PageSignatureTest {

  /** The Standard Webhooks / Svix reference vector (svix-webhooks go/webhook_test.go). */
  @Test
  void signsThePageLikeTheSpecTestVector() {
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    String pageId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    long timestamp = 1614265330L;

    assertThat(StandardWebhooks.sign(secret, pageId, timestamp, "{\"test\": 2432232314}"))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }
}
