package io.firebell.detection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.firebell.detection.config.DetectionConfig;
import io.firebell.detection.ingest.StaleBrokerStatus;
import io.firebell.platform.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 5: a Kafka outage on ingest, against a real PostgreSQL and a broker address where
 * nothing listens. While the broker check knows the broker is down, ingest answers 503 problem+json
 * with {@code Retry-After} at once, and readiness says why. In the window before the check notices
 * ({@link StaleBrokerStatus}), requests reach the producer, whose {@code send} waits for metadata
 * for up to {@code max.block.ms}: they answer 503 by the acknowledgement deadline ({@code
 * firebell.detection.ingest.ack-timeout}), and while many wait, liveness and a database-backed read
 * keep answering, so {@code send} holds no event loop. (On an event loop, each request would hold
 * one of the 2 × cores loops for the whole block, and the probes and the last requests would wait
 * for many of them in turn.)
 */
@QuarkusTest
@TestProfile(BrokerOutageTest.BrokerUnreachable.class)
class BrokerOutageTest {

  /**
   * Requests that wait on the producer at once: a dozen for each of the 2 × cores event loops
   * Quarkus starts, so that a loop blocked in {@code send} would hold some for many times the
   * block.
   */
  private static final int WAITING = Math.max(48, 24 * Runtime.getRuntime().availableProcessors());

  /**
   * Allowance for a loaded 2-core CI machine, far below the time blocked event loops would take.
   */
  private static final Duration MARGIN = Duration.ofSeconds(4);

  /** The probes' bound: a live service answers them in milliseconds. */
  private static final Duration PROMPT = Duration.ofSeconds(2);

  public static class BrokerUnreachable implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      String nowhere = "127.0.0.1:" + closedPort();
      return Map.of(
          "%test.kafka.bootstrap.servers",
          nowhere,
          "kafka.bootstrap.servers",
          nowhere,
          // no grouping worker: it has no broker to read from either
          "firebell.detection.grouping.enabled",
          "false");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
      return Set.of(StaleBrokerStatus.class);
    }

    @Override
    public String getConfigProfile() {
      return "test";
    }
  }

  @Inject StaleBrokerStatus broker;
  @Inject DetectionConfig config;

  @TestHTTPResource("/")
  URI base;

  @Test
  void whileTheBrokerIsKnownToBeDownIngestAnswers503AtOnceAndReadinessSaysWhy() {
    broker.rememberTheBrokerUp(false);
    await().atMost(Duration.ofSeconds(30)).until(() -> !broker.up());
    String token = Fixtures.integration("alertmanager");
    unavailable(ingest(token, "known-down-cold")); // the token's first look-up in the database
    long start = System.nanoTime();
    unavailable(ingest(token, "known-down"));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    // without waiting for the acknowledgement deadline
    assertThat(took).isLessThan(config.ingest().ackTimeout());
    given().get("/q/health/ready").then().statusCode(503);
    given().get("/q/health/live").then().statusCode(200);
    System.out.printf("FIGURE broker known down: ingest answered 503 in %d ms%n", took.toMillis());
  }

  @Test
  void requestsWaitingOnAnUnreachableBrokerAnswer503ByTheDeadlineAndHoldNoEventLoop()
      throws Exception {
    String token = Fixtures.integration("alertmanager");
    // warm: the token is cached, the probes' paths are compiled
    broker.rememberTheBrokerUp(false);
    await().atMost(Duration.ofSeconds(30)).until(() -> !broker.checkedUp());
    unavailable(ingest(token, "warm-up"));
    probes();

    broker.rememberTheBrokerUp(true);
    try {
      Duration deadline = config.ingest().ackTimeout().plus(MARGIN);
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      List<CompletableFuture<Answer>> answers = new ArrayList<>();
      String name = "BrokerOutage" + UUID.randomUUID().toString().substring(0, 8);
      for (int i = 0; i < WAITING; i++) {
        HttpRequest request =
            HttpRequest.newBuilder(base.resolve("v1/ingest/alertmanager"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(payload(name, name + "-" + i)))
                .build();
        long sent = System.nanoTime();
        answers.add(
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Answer(r, Duration.ofNanos(System.nanoTime() - sent))));
      }
      // Probe while they wait: liveness and a read from PostgreSQL, each answered promptly.
      int probedWhileWaiting = 0;
      long probing = System.nanoTime() + config.ingest().ackTimeout().toNanos() / 2;
      do {
        boolean waiting = answers.stream().anyMatch(a -> !a.isDone());
        probes();
        if (waiting) {
          probedWhileWaiting++;
        }
      } while (System.nanoTime() < probing);
      assertThat(probedWhileWaiting).as("probes sent while ingest requests waited").isPositive();

      long slowest = 0;
      for (CompletableFuture<Answer> future : answers) {
        Answer a = future.get(60, TimeUnit.SECONDS);
        assertThat(a.response().statusCode()).as(a.response().body()).isEqualTo(503);
        assertThat(a.response().headers().firstValue("Content-Type"))
            .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(a.response().headers().firstValue("Retry-After"))
            .hasValue(String.valueOf(config.ingest().retryAfterSeconds()));
        assertThat(a.took()).as("a request's wait for the broker").isLessThan(deadline);
        slowest = Math.max(slowest, a.took().toMillis());
      }
      System.out.printf(
          "FIGURE broker unreachable, not yet noticed: %d requests answered 503 with Retry-After,"
              + " slowest %d ms (deadline %d ms); %d rounds of probes answered meanwhile%n",
          WAITING, slowest, config.ingest().ackTimeout().toMillis(), probedWhileWaiting);
    } finally {
      broker.rememberTheBrokerUp(false);
    }
  }

  private record Answer(HttpResponse<String> response, Duration took) {}

  /** Liveness and a database-backed read, each within {@link #PROMPT}. */
  private static void probes() {
    for (String path : List.of("/q/health/live", "/v1/domains")) {
      long start = System.nanoTime();
      given()
          .header("Authorization", TestTokens.bearer("vic", "viewer"))
          .get(path)
          .then()
          .statusCode(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as(path).isLessThan(PROMPT);
    }
  }

  private static ValidatableResponse ingest(String token, String name) {
    return given()
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON)
        .body(payload(name, name))
        .post("/v1/ingest/alertmanager")
        .then();
  }

  private void unavailable(ValidatableResponse response) {
    response
        .statusCode(503)
        .contentType("application/problem+json")
        .header("Retry-After", String.valueOf(config.ingest().retryAfterSeconds()))
        .body("status", equalTo(503));
  }

  private static String payload(String name, String fingerprint) {
    return Fixtures.amPayload(
        "firing", 0, Fixtures.amAlert("firing", name, "order-api", "critical", fingerprint));
  }

  /** A local port nothing listens on. */
  private static int closedPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
