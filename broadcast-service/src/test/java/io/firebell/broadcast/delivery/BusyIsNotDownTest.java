package io.firebell.broadcast.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.firebell.client.Receiver;
import io.firebell.client.Receiver.Answer;
import io.firebell.platform.secrets.SecretBox;
import io.firebell.platform.testing.BadInput;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 13: removing hundreds of endpoints with 32 concurrent requests while their fan-out
 * is being delivered keeps the service ready (every readiness poll answers UP, none goes without an
 * answer) and gives no 5xx and no Hibernate Reactive thread error (HR000069) while the dispatcher
 * records results. It does not time readiness: the 1 s target is a benchmark's to measure.
 */
@QuarkusTest
class BusyIsNotDownTest {

  private static final int ENDPOINTS = 500;
  private static final int MESSAGES = 2;
  // Removals wait their turn in the bulk lane: slow is allowed here, failing or hanging is not.
  private static final RestAssuredConfig PATIENT =
      RestAssuredConfig.config()
          .httpClient(
              HttpClientConfig.httpClientConfig()
                  .setParam("http.socket.timeout", 300_000)
                  .setParam("http.connection.timeout", 10_000));

  @Inject AgroalDataSource db;
  @Inject DeliveryQueue queue;
  @Inject SecretBox secretBox;

  @Test
  void healthAnswersWhileEndpointsAreDeletedDuringAFanOut() throws Throwable {
    ErrorLog errors = ErrorLog.install();
    try (Receiver receiver = new Receiver()) {
      receiver.scriptOthers(n -> Answer.slow(200, 20));
      List<UUID> ids = insertEndpoints(receiver.url("/busy"));
      UUID incident = UUID.randomUUID();
      for (int m = 0; m < MESSAGES; m++) {
        DeliveryTestSupport.enqueue(queue, incident, "{\"m\":" + m + "}", ids.toArray(UUID[]::new));
      }
      receiver.await(r -> true, 50, Duration.ofSeconds(30), "the fan-out under way");

      HealthPoller health = new HealthPoller();
      health.start();
      long started = System.nanoTime();
      List<Integer> statuses = deleteAll(ids);
      long deletingMs = (System.nanoTime() - started) / 1_000_000;
      List<String> polls = health.stop();
      System.out.printf(
          "busy-is-not-down: %d endpoints, %d deliveries removed in %d ms; %d readiness polls,"
              + " slowest %d ms%n",
          ENDPOINTS, ENDPOINTS * MESSAGES, deletingMs, polls.size(), health.slowestMs());

      assertThat(statuses).allMatch(s -> s == 204, "every delete answers 204: " + statuses);
      assertThat(polls).isNotEmpty().allMatch("200"::equals);
      assertThat(
              BadInput.rowCounts(
                  db,
                  "delivery where incident_id = '" + incident + "'",
                  "endpoint where url like '%/busy'"))
          .containsOnlyKeys(
              "delivery where incident_id = '" + incident + "'", "endpoint where url like '%/busy'")
          .allSatisfy((table, count) -> assertThat(count).as(table).isZero());
      assertThat(errors.messages())
          .noneMatch(m -> m.contains("HR000069"))
          .noneMatch(m -> m.contains("unhandled error"));
    } finally {
      errors.remove();
    }
  }

  /** Endpoints written straight to the table: the API's SSRF check per endpoint is not the test. */
  private List<UUID> insertEndpoints(String url) throws Exception {
    List<UUID> ids = new ArrayList<>();
    Timestamp now = Timestamp.from(Instant.now());
    try (Connection c = db.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "insert into endpoint (id, name, kind, url, secret, created_at, updated_at)"
                    + " values (?, ?, 'webhook', ?, ?, ?, ?)")) {
      for (int i = 0; i < ENDPOINTS; i++) {
        UUID id = UUID.randomUUID();
        ids.add(id);
        insert.setObject(1, id);
        insert.setString(2, "busy " + i + " " + id);
        insert.setString(3, url);
        // Sealed, as the service stores it (the column refuses plaintext).
        insert.setString(
            4, secretBox.seal(io.firebell.platform.webhooks.StandardWebhooks.newSecret()));
        insert.setTimestamp(5, now);
        insert.setTimestamp(6, now);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    return ids;
  }

  private static List<Integer> deleteAll(List<UUID> ids) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (UUID id : ids) {
        answers.add(
            pool.submit(
                () ->
                    given()
                        .config(PATIENT)
                        .header("Authorization", DeliveryTestSupport.ADMIN)
                        .delete("/v1/endpoints/" + id)
                        .statusCode()));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : answers) {
        statuses.add(answer.get());
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Polls /q/health/ready every 100 ms; each poll's status or failure. What this test asserts is
   * that readiness keeps answering UP, so the client waits {@link #POLL_TIMEOUT}: a poll without an
   * answer by then fails the test. How fast it answers (issue 19: within 1 s) is a speed target,
   * which belongs in {@code ./firebell bench}, not in a timed test: the slowest poll is printed,
   * not asserted. On an idle 2-core machine it was 612 ms; while other builds loaded the machine,
   * polls took longer than 10 s (docs/reliability.md, "Busy is not down").
   */
  private static final class HealthPoller {
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<String> polls = new ArrayList<>();
    private volatile long slowestMs;
    private Thread thread;

    long slowestMs() {
      return slowestMs;
    }

    void start() {
      URI ready = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/q/health/ready");
      thread =
          new Thread(
              () -> {
                while (running.get()) {
                  HttpRequest request = HttpRequest.newBuilder(ready).timeout(POLL_TIMEOUT).build();
                  String outcome;
                  long sent = System.nanoTime();
                  try {
                    outcome =
                        String.valueOf(
                            http.send(request, HttpResponse.BodyHandlers.discarding())
                                .statusCode());
                  } catch (Exception e) {
                    outcome = e.getClass().getSimpleName();
                  }
                  slowestMs = Math.max(slowestMs, (System.nanoTime() - sent) / 1_000_000);
                  synchronized (polls) {
                    polls.add(outcome);
                  }
                  try {
                    Thread.sleep(100);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "health-poller");
      thread.start();
    }

    List<String> stop() throws InterruptedException {
      running.set(false);
      thread.join(10_000);
      synchronized (polls) {
        return List.copyOf(polls);
      }
    }
  }

  /** Warnings and errors logged by the service while the test runs. */
  private static final class ErrorLog extends Handler {
    private final ConcurrentLinkedQueue<String> messages = new ConcurrentLinkedQueue<>();

    static ErrorLog install() {
      ErrorLog log = new ErrorLog();
      Logger.getLogger("").addHandler(log);
      return log;
    }

    void remove() {
      Logger.getLogger("").removeHandler(this);
    }

    List<String> messages() {
      return List.copyOf(messages);
    }

    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
        String text = String.valueOf(record.getMessage());
        Throwable t = record.getThrown();
        while (t != null) {
          text += " | " + t;
          t = t.getCause();
        }
        messages.add(text);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
