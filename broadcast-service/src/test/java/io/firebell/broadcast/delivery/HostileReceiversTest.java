package io.firebell.broadcast.delivery;

import static io.firebell.broadcast.delivery.DeliveryTestSupport.ADMIN;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.delivery;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.endpoint;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.enqueue;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebell.platform.testing.HostileReceiver;
import io.firebell.platform.testing.HostileReceiver.Behaviour;
import io.firebell.platform.testing.JvmFootprint;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The fault scenario "hostile receivers" (issue 19): one message to receivers that never answer,
 * stream a 1 GiB body, trickle a byte per second, redirect to the metadata address or to a loopback
 * server, fail TLS, and answer 410 — real sockets, real PostgreSQL and Kafka. Each delivery ends in
 * its right state with a coarse error within the deadline; memory and threads stay flat.
 */
@QuarkusTest
class HostileReceiversTest {

  /** What the dispatcher may add over the run, beyond the receivers' own threads. */
  private static final int THREAD_SLACK = 25;

  /** A body cap of 16 KiB plus what the two sockets' buffers held when the client hung up. */
  private static final long MAX_BYTES_WRITTEN = 64L << 20;

  @Inject DeliveryQueue queue;

  @ConfigProperty(name = "firebell.broadcast.delivery.timeout")
  Duration timeout;

  @Test
  void everyHostileReceiverCostsOneDeadlineAtMostAndNeitherMemoryNorThreads() throws Throwable {
    List<HostileReceiver> receivers = new ArrayList<>();
    try {
      HostileReceiver target = track(receivers, HostileReceiver.start(Behaviour.OK));
      Map<String, HostileReceiver> byName = new LinkedHashMap<>();
      byName.put("never answers", track(receivers, HostileReceiver.start(Behaviour.NEVER_ANSWERS)));
      byName.put("1 GiB body", track(receivers, HostileReceiver.start(Behaviour.HUGE_BODY)));
      byName.put("trickle", track(receivers, HostileReceiver.start(Behaviour.TRICKLE)));
      byName.put(
          "redirect to metadata",
          track(
              receivers,
              HostileReceiver.redirectingTo("http://169.254.169.254/latest/meta-data/")));
      byName.put(
          "redirect to loopback",
          track(receivers, HostileReceiver.redirectingTo(target.url("/stolen"))));
      byName.put("TLS garbage", track(receivers, HostileReceiver.start(Behaviour.TLS_GARBAGE)));
      byName.put("410", track(receivers, HostileReceiver.start(Behaviour.GONE)));

      Map<String, UUID> endpoints = new LinkedHashMap<>();
      byName.forEach((name, r) -> endpoints.put(name, endpoint("webhook", r.url("/hook")).id()));
      JvmFootprint before = JvmFootprint.now();

      UUID message =
          enqueue(
              queue,
              UUID.randomUUID(),
              "{\"hostile\":true}",
              endpoints.values().toArray(UUID[]::new));
      int[] peakThreads = {before.threads()};
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                peakThreads[0] = Math.max(peakThreads[0], JvmFootprint.liveThreads());
                return endpoints.values().stream().allMatch(e -> attempted(message, e));
              });
      JvmFootprint after = JvmFootprint.now();

      // The deadline plus slack for a loaded 2-core machine; unbounded, the trickle alone would
      // take 40 s and the body minutes.
      long limitMs = timeout.toMillis() + 2_000;
      Map<String, JsonPath> first = new LinkedHashMap<>();
      endpoints.forEach((name, id) -> first.put(name, delivery(message, id)));
      for (Map.Entry<String, JsonPath> e : first.entrySet()) {
        assertThat(e.getValue().getInt("attemptLog[0].durationMs"))
            .as("%s: the first attempt ends within the deadline", e.getKey())
            .isLessThanOrEqualTo((int) limitMs);
        System.out.printf(
            "hostile receivers: %-20s %-8s %5d ms  %s%n",
            e.getKey(),
            e.getValue().getString("status"),
            e.getValue().getInt("attemptLog[0].durationMs"),
            e.getValue().getString("attemptLog[0].error"));
      }
      assertFailedWith(first.get("never answers"), "timed out");
      assertFailedWith(first.get("trickle"), "timed out");
      assertFailedWith(first.get("1 GiB body"), "HTTP 503");
      // A loaded machine's first TLS set-up in the client can outlast the test's 2 s deadline:
      // either way the reason is coarse (OutboundHttpTest pins the handshake failure itself).
      assertThat(first.get("TLS garbage").getString("status")).isIn("failed", "dead");
      assertThat(first.get("TLS garbage").getString("attemptLog[0].error"))
          .isIn("connection failed", "timed out");
      for (String redirect : List.of("redirect to metadata", "redirect to loopback")) {
        assertThat(first.get(redirect).getString("status")).isEqualTo("dead");
        assertThat(first.get(redirect).getString("attemptLog[0].error"))
            .isEqualTo("HTTP 302 redirect (redirects are not followed)");
      }
      assertThat(target.connections()).as("the redirect's target is never contacted").isZero();
      assertThat(first.get("410").getString("status")).isEqualTo("dead");
      JsonPath gone =
          given()
              .header("Authorization", ADMIN)
              .get("/v1/endpoints/{id}", endpoints.get("410"))
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(gone.getBoolean("enabled")).isFalse();
      assertThat(gone.getString("disabledReason")).contains("410 Gone");

      long written = byName.get("1 GiB body").bytesWritten();
      System.out.printf(
          "hostile receivers: 1 GiB body: %d KiB written before the client hung up; heap after GC"
              + " %+d MiB; threads %d -> peak %d%n",
          written >> 10,
          (after.heapUsedBytes() - before.heapUsedBytes()) >> 20,
          before.threads(),
          peakThreads[0]);
      assertThat(written).isLessThan(MAX_BYTES_WRITTEN);
      assertThat(after.heapUsedBytes() - before.heapUsedBytes()).isLessThan(256L << 20);
      assertThat(peakThreads[0] - before.threads()).isLessThanOrEqualTo(THREAD_SLACK);
    } finally {
      for (HostileReceiver r : receivers) {
        r.close();
      }
    }
  }

  private static HostileReceiver track(List<HostileReceiver> all, HostileReceiver receiver) {
    all.add(receiver);
    return receiver;
  }

  private static boolean attempted(UUID message, UUID endpoint) {
    JsonPath d = delivery(message, endpoint);
    return d != null && d.getInt("attempts") >= 1 && d.getList("attemptLog").size() >= 1;
  }

  private static void assertFailedWith(JsonPath delivery, String error) {
    assertThat(delivery.getString("status")).isIn("failed", "dead");
    assertThat(delivery.getString("attemptLog[0].error")).isEqualTo(error);
  }
}
