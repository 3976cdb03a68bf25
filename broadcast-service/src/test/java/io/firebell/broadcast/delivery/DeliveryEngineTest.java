package io.firebell.broadcast.delivery;

import static io.firebell.broadcast.delivery.DeliveryTestSupport.ADMIN;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.COMMUNICATOR;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.delivery;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.endpoint;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.enqueue;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.firebell.broadcast.model.Endpoint;
import io.firebell.client.Receiver;
import io.firebell.client.Receiver.Answer;
import io.firebell.client.Receiver.Message;
import io.firebell.contracts.EventTypes;
import io.firebell.platform.secrets.SecretBox;
import io.firebell.platform.testing.Sql;
import io.firebell.platform.testing.TopicReader;
import io.firebell.platform.webhooks.StandardWebhooks;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery engine against real HTTP receivers on 127.0.0.1 (the test profile allow-lists
 * exactly that address), real PostgreSQL and real Kafka. Test profile: timeout 2 s, retry schedule
 * 50/100/200 ms (4 attempts), circuit opens after 3 consecutive failures for 1.5 s.
 */
@QuarkusTest
class DeliveryEngineTest {

  @Inject DeliveryQueue queue;
  @Inject SecretBox secretBox;
  @Inject AgroalDataSource db;

  private Receiver receiver;
  private final UUID incident = UUID.randomUUID();

  @BeforeEach
  void start() throws Exception {
    receiver = new Receiver();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void deliversSignedWebhookThatAnIndependentCheckVerifies() throws Throwable {
    var hook = endpoint("webhook", receiver.url("/hook"));
    var slack = endpoint("slack", receiver.url("/slack"));
    String body = "{\"incident\":\"" + incident + "\",\"text\":\"Orders are delayed\"}";
    try (TopicReader events = new TopicReader("firebell.broadcasts.v1")) {
      UUID message = enqueue(queue, incident, body, hook.id(), slack.id());
      await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/hook").size() == 1);
      await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/slack").size() == 1);

      Message got = receiver.received("/hook").get(0);
      assertThat(got.body()).isEqualTo(body);
      assertThat(got.header("content-type")).isEqualTo("application/json");
      long timestamp = Long.parseLong(got.header("webhook-timestamp"));
      assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(60);
      assertThat(got.signedWith(hook.secret())).isTrue();
      assertThat(got.signedWith(StandardWebhooks.newSecret())).isFalse();
      // Slack and Teams get the body as it is, unsigned.
      assertThat(receiver.received("/slack").get(0).header("webhook-signature")).isNull();

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> "succeeded".equals(status(message, hook.id())));
      JsonPath d = delivery(message, hook.id());
      assertThat(got.header("webhook-id")).isEqualTo("msg_" + d.getString("id"));
      assertThat(d.getString("webhookId")).isEqualTo(got.header("webhook-id"));
      assertThat(d.getInt("attempts")).isEqualTo(1);
      assertThat(d.getInt("attemptLog[0].httpStatus")).isEqualTo(200);
      assertThat(d.getString("deliveredAt")).isNotNull();

      String deliveryId = d.getString("id");
      var published =
          events.await(
              r ->
                  EventTypes.DELIVERY_SUCCEEDED.name().equals(TopicReader.header(r, "ce_type"))
                      && new String(r.value(), StandardCharsets.UTF_8).contains(deliveryId),
              1,
              Duration.ofSeconds(60));
      assertThat(published).hasSize(1);
      assertThat(published.get(0).key()).isEqualTo(incident.toString());
    }
  }

  @Test
  void retriesServerErrorsWithTheSameWebhookIdThenSucceeds() throws Throwable {
    var hook = endpoint("webhook", receiver.url("/flaky"));
    receiver.script(
        "/flaky", n -> n == 1 ? Answer.of(500) : n == 2 ? Answer.of(503) : Answer.of(200));
    UUID message = enqueue(queue, incident, "{\"n\":1}", hook.id());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "succeeded".equals(status(message, hook.id())));
    List<Message> got = receiver.received("/flaky");
    assertThat(got).hasSize(3);
    assertThat(got)
        .extracting(r -> r.header("webhook-id"))
        .containsOnly(got.get(0).header("webhook-id"));
    for (Message r : got) {
      assertThat(r.signedWith(hook.secret())).isTrue();
    }
    JsonPath d = delivery(message, hook.id());
    assertThat(d.getInt("attempts")).isEqualTo(3);
    assertThat(d.getList("attemptLog.httpStatus", Integer.class)).containsExactly(500, 503, 200);
    assertThat(d.getString("attemptLog[0].error")).isEqualTo("HTTP 500");
  }

  @Test
  void honoursRetryAfter() throws Throwable {
    var hook = endpoint("webhook", receiver.url("/limited"));
    receiver.script("/limited", n -> n == 1 ? Answer.of(429, "Retry-After", "2") : Answer.of(200));
    UUID message = enqueue(queue, incident, "{}", hook.id());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "succeeded".equals(status(message, hook.id())));
    List<Message> got = receiver.received("/limited");
    assertThat(got).hasSize(2);
    long gapMs = Duration.between(got.get(0).at(), got.get(1).at()).toMillis();
    // Without Retry-After the test schedule would retry within 50 ms.
    assertThat(gapMs).isBetween(1_900L, 6_000L);
  }

  @Test
  void goneDisablesTheEndpointAndDeadLetters() throws Throwable {
    var hook = endpoint("webhook", receiver.url("/gone"));
    receiver.script("/gone", n -> Answer.of(410));
    UUID message = enqueue(queue, incident, "{}", hook.id());
    await().atMost(Duration.ofSeconds(20)).until(() -> "dead".equals(status(message, hook.id())));
    assertThat(receiver.received("/gone")).hasSize(1);
    JsonPath endpoint =
        given()
            .header("Authorization", ADMIN)
            .get("/v1/endpoints/{id}", hook.id())
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(endpoint.getBoolean("enabled")).isFalse();
    assertThat(endpoint.getString("disabledReason")).contains("410");
    // A disabled endpoint gets no delivery, and its body is not kept.
    String unsent = "{\"unsent\":\"" + UUID.randomUUID() + "\"}";
    UUID next = enqueue(queue, incident, unsent, hook.id());
    assertThat(delivery(next, hook.id())).isNull();
    assertThat(bodiesLike(unsent)).isZero();
    // An enabled endpoint's body is kept once, however often the same message is queued.
    var open = endpoint("webhook", receiver.url("/open"));
    String sent = "{\"sent\":\"" + UUID.randomUUID() + "\"}";
    UUID twice = UUID.randomUUID();
    for (int i = 0; i < 2; i++) {
      OutgoingMessage m =
          new OutgoingMessage(
              "update",
              twice,
              incident,
              List.of(
                  new OutgoingMessage.Recipient(
                      open.id(), "store_owners", "application/json", sent),
                  new OutgoingMessage.Recipient(
                      hook.id(), "store_owners", "application/json", unsent)));
      VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> queue.enqueue(m)));
    }
    assertThat(bodiesLike(sent)).isEqualTo(1);
    assertThat(bodiesLike(unsent)).isZero();
    assertThat(delivery(twice, open.id())).isNotNull();
    // Replaying to a disabled endpoint is refused until it is enabled again.
    String id = delivery(message, hook.id()).getString("id");
    given()
        .header("Authorization", COMMUNICATOR)
        .post("/v1/deliveries/{id}/replay", id)
        .then()
        .statusCode(409);
  }

  @Test
  void redirectsAreNotFollowedAndOtherClientErrorsFailAtOnce() throws Throwable {
    var moved = endpoint("webhook", receiver.url("/moved"));
    var missing = endpoint("teams", receiver.url("/missing"));
    receiver.script("/moved", n -> Answer.of(302, "Location", receiver.url("/elsewhere")));
    receiver.script("/missing", n -> Answer.of(404));
    UUID message = enqueue(queue, incident, "{}", moved.id(), missing.id());
    await().atMost(Duration.ofSeconds(20)).until(() -> "dead".equals(status(message, moved.id())));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "dead".equals(status(message, missing.id())));
    assertThat(receiver.received("/moved")).hasSize(1);
    assertThat(receiver.received("/missing")).hasSize(1);
    assertThat(receiver.received("/elsewhere")).isEmpty();
    assertThat(delivery(message, moved.id()).getString("lastError")).contains("redirect");
  }

  @Test
  void circuitBreakerOpensPostponesAndRecovers() throws Throwable {
    var hook = endpoint("webhook", receiver.url("/down"));
    // Three failures, then healthy: what follows the third failure is up to the breaker.
    receiver.script("/down", n -> n <= 3 ? Answer.of(500) : Answer.of(200));
    UUID first = enqueue(queue, incident, "{\"n\":1}", hook.id());
    UUID second = enqueue(queue, incident, "{\"n\":2}", hook.id());
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/down").size() >= 3);
    // Three failures open the circuit for 1.5 s: nothing more is sent meanwhile, although the
    // retry schedule (50/100/200 ms) would have sent the 4th attempt within 200 ms.
    Thread.sleep(700);
    assertThat(receiver.received("/down")).hasSize(3);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "succeeded".equals(status(first, hook.id())));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "succeeded".equals(status(second, hook.id())));
    List<Message> got = receiver.received("/down");
    assertThat(got).hasSize(5);
    // The half-open probe came only after the open duration, and it was the first message's
    // 4th and last attempt: postponed, not burned.
    long probeGapMs = Duration.between(got.get(2).at(), got.get(3).at()).toMillis();
    assertThat(probeGapMs).isGreaterThanOrEqualTo(1_300L);
    assertThat(delivery(first, hook.id()).getList("attemptLog.httpStatus", Integer.class))
        .containsExactly(500, 500, 500, 200);
    assertThat(got.get(4).body()).isEqualTo("{\"n\":2}");
    JsonPath closed =
        given()
            .header("Authorization", ADMIN)
            .get("/v1/endpoints/{id}", hook.id())
            .then()
            .extract()
            .jsonPath();
    assertThat(closed.getInt("consecutiveFailures")).isZero();
    assertThat(closed.getString("circuitOpenUntil")).isNull();
  }

  @Test
  void exhaustedDeliveryIsDeadLetteredAndAReplaySucceedsWithTheSameWebhookId() throws Throwable {
    var hook = endpoint("webhook", receiver.url("/broken"));
    AtomicInteger fixed = new AtomicInteger();
    receiver.script("/broken", n -> fixed.get() == 1 ? Answer.of(200) : Answer.of(500));
    try (TopicReader events = new TopicReader("firebell.broadcasts.v1")) {
      UUID message = enqueue(queue, incident, "{\"dead\":true}", hook.id());
      await().atMost(Duration.ofSeconds(30)).until(() -> "dead".equals(status(message, hook.id())));
      JsonPath dead = delivery(message, hook.id());
      String id = dead.getString("id");
      assertThat(dead.getInt("attempts")).isEqualTo(4);
      assertThat(dead.getList("attemptLog.httpStatus", Integer.class))
          .containsExactly(500, 500, 500, 500);
      assertThat(dead.getString("nextAttemptAt")).isNull();
      assertThat(receiver.received("/broken")).hasSize(4);
      var exhausted =
          events.await(
              r ->
                  EventTypes.DELIVERY_EXHAUSTED.name().equals(TopicReader.header(r, "ce_type"))
                      && new String(r.value(), StandardCharsets.UTF_8).contains(id),
              1,
              Duration.ofSeconds(60));
      assertThat(exhausted).hasSize(1);
      var failures =
          events.await(
              r ->
                  EventTypes.DELIVERY_FAILED.name().equals(TopicReader.header(r, "ce_type"))
                      && new String(r.value(), StandardCharsets.UTF_8).contains(id),
              4,
              Duration.ofSeconds(30));
      assertThat(failures).hasSize(4);

      fixed.set(1);
      given()
          .header("Authorization", COMMUNICATOR)
          .post("/v1/deliveries/{id}/replay", id)
          .then()
          .statusCode(200)
          .body("status", org.hamcrest.Matchers.equalTo("pending"));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> "succeeded".equals(status(message, hook.id())));
      List<Message> got = receiver.received("/broken");
      assertThat(got).hasSize(5);
      assertThat(got.get(4).header("webhook-id")).isEqualTo("msg_" + id);
      assertThat(got.get(4).signedWith(hook.secret())).isTrue();
      assertThat(delivery(message, hook.id()).getInt("attempts")).isEqualTo(5);
      // Succeeded now: replaying again is a conflict.
      given()
          .header("Authorization", COMMUNICATOR)
          .post("/v1/deliveries/{id}/replay", id)
          .then()
          .statusCode(409)
          .contentType("application/problem+json");
    }
  }

  @Test
  void aHangingEndpointHoldsBackNeitherOthersNorItsOwnTimeout() throws Throwable {
    var hanging = endpoint("webhook", receiver.url("/hang"));
    receiver.script("/hang", n -> Answer.HANG);
    List<UUID> healthy = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      healthy.add(endpoint("webhook", receiver.url("/ok" + i)).id());
    }
    List<UUID> all = new ArrayList<>(healthy);
    all.add(0, hanging.id());
    long start = System.nanoTime();
    UUID message = enqueue(queue, incident, "{}", all.toArray(UUID[]::new));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              for (int i = 0; i < 20; i++) {
                if (receiver.received("/ok" + i).isEmpty()) {
                  return false;
                }
              }
              return true;
            });
    long healthyMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(healthyMs).isLessThan(1_900L); // before the hanging one's 2 s timeout
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "failed".equals(status(message, hanging.id()))
                    || "dead".equals(status(message, hanging.id())));
    assertThat(delivery(message, hanging.id()).getString("attemptLog[0].error"))
        .contains("timed out");
  }

  @Test
  void oneEndpointGetsItsMessagesInOrderOneAtATime() throws Throwable {
    try (Receiver slow = new Receiver()) {
      slow.script("/q", n -> Answer.slow(200, 100));
      var hook = endpoint("webhook", slow.url("/q"));
      List<UUID> messages = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        messages.add(enqueue(queue, incident, "{\"seq\":" + i + "}", hook.id()));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> slow.received("/q").size() == 5);
      assertThat(slow.received("/q"))
          .extracting(Message::body)
          .containsExactly(
              "{\"seq\":0}", "{\"seq\":1}", "{\"seq\":2}", "{\"seq\":3}", "{\"seq\":4}");
      assertThat(slow.maxConcurrent()).isEqualTo(1);
    }
  }

  @Test
  void rotationSignsWithTheNewAndTheOldSecret() throws Throwable {
    var hook = endpoint("webhook", receiver.url("/rotated"));
    String rotated =
        given()
            .header("Authorization", ADMIN)
            .post("/v1/endpoints/{id}/secret/rotate", hook.id())
            .then()
            .statusCode(200)
            .extract()
            .path("secret");
    assertThat(rotated).startsWith("whsec_").isNotEqualTo(hook.secret());
    enqueue(queue, incident, "{\"rotated\":true}", hook.id());
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/rotated").size() == 1);
    Message got = receiver.received("/rotated").get(0);
    assertThat(got.header("webhook-signature").split(" ")).hasSize(2);
    assertThat(got.signedWith(rotated)).isTrue();
    assertThat(got.signedWith(hook.secret())).isTrue();
  }

  @Test
  void aLeakedSecretRevokedAtRotationIsNeverSignedWithAgain() throws Throwable {
    var hook = endpoint("webhook", receiver.url("/revoked"));
    String rotated =
        given()
            .header("Authorization", ADMIN)
            .queryParam("revokePrevious", true)
            .post("/v1/endpoints/{id}/secret/rotate", hook.id())
            .then()
            .statusCode(200)
            .extract()
            .path("secret");
    enqueue(queue, incident, "{\"revoked\":true}", hook.id());
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/revoked").size() == 1);
    Message got = receiver.received("/revoked").get(0);
    assertThat(got.header("webhook-signature").split(" ")).hasSize(1);
    assertThat(got.signedWith(rotated)).isTrue();
    assertThat(got.signedWith(hook.secret())).isFalse();
  }

  @Test
  void theGuardRunsAgainAtEverySend() throws Throwable {
    // As if the endpoint's name had been re-pointed (DNS rebinding) after registration: the
    // row carries an address the guard refuses; the send must refuse it, not connect.
    UUID id = UUID.randomUUID();
    VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withTransaction(
                () -> {
                  Endpoint e =
                      Endpoint.create(
                          "rebound " + id,
                          "webhook",
                          "http://127.0.0.2:" + receiver.port() + "/rebound",
                          secretBox.seal(StandardWebhooks.newSecret()),
                          Instant.now());
                  e.id = id;
                  return Panache.getSession().chain(s -> s.persist(e));
                }));
    UUID message = enqueue(queue, incident, "{}", id);
    await().atMost(Duration.ofSeconds(20)).until(() -> "dead".equals(status(message, id)));
    JsonPath d = delivery(message, id);
    assertThat(d.getInt("attempts")).isEqualTo(1);
    assertThat(d.getString("lastError")).isEqualTo("refused by the outbound guard (loopback)");
    assertThat(receiver.received("/rebound")).isEmpty();
  }

  private long bodiesLike(String body) throws Exception {
    return Sql.count(db, "select count(*) from delivery_body where body = ?", body);
  }
}
