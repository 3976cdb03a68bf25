package io.firebell.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ReceiverTest {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void recordsEveryRequestAndVerifiesTheStandardWebhooksTestVector() throws Exception {
    try (Receiver receiver = new Receiver()) {
      receiver.secret("/signed", SECRET);
      assertThat(post(receiver, "/signed", "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="))
          .isEqualTo(200);
      post(receiver, "/signed", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
      post(receiver, "/other", "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

      List<Receiver.Message> signed = receiver.received("/signed");
      assertThat(signed)
          .extracting(Receiver.Message::signature)
          .containsExactly(Receiver.VALID, Receiver.INVALID);
      assertThat(signed.get(0).header("Webhook-Id")).isEqualTo("msg_p5jXN8AQM9LWM0D4loKWxJek");
      assertThat(signed.get(0).body()).isEqualTo("{\"test\": 2432232314}");
      assertThat(signed.get(0).signedWith(SECRET)).isTrue();
      assertThat(receiver.received("/other").get(0).signature()).isEqualTo(Receiver.UNSIGNED);
      assertThat(receiver.received()).hasSize(3);
    }
  }

  @Test
  void answersAsScriptedAndTellsWhenAnAnswerIsOut() throws Exception {
    List<String> answered = new CopyOnWriteArrayList<>();
    try (Receiver receiver = new Receiver()) {
      receiver.script("/flaky", n -> n == 1 ? Receiver.Answer.of(500) : Receiver.Answer.of(202));
      receiver.scriptOthers(n -> Receiver.Answer.of(204, "X-Seen", String.valueOf(n)));
      receiver.onAnswered(m -> answered.add(m.path()));
      assertThat(post(receiver, "/flaky", null)).isEqualTo(500);
      assertThat(post(receiver, "/flaky", null)).isEqualTo(202);
      assertThat(post(receiver, "/any", null)).isEqualTo(204);
      // The listener runs once the answer is out, so the caller may have it a moment before.
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (answered.size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(answered).containsExactly("/flaky", "/flaky", "/any");
    }
  }

  private int post(Receiver receiver, String path, String signature) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(receiver.url(path)))
            .POST(HttpRequest.BodyPublishers.ofString("{\"test\": 2432232314}"));
    if (signature != null) {
      request
          .header("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek")
          .header("webhook-timestamp", "1614265330")
          .header("webhook-signature", "v1," + signature);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
