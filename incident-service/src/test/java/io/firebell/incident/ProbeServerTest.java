package io.firebell.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebell.platform.health.ProbeServer;
import io.netty.util.concurrent.EventExecutor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes' probes on a port and thread of their own (ADR 0147): the same checks as the HTTP
 * port's {@code /q/health}, answered from the last evaluation while every event loop is busy, and
 * DOWN once no evaluation has completed for {@code firebell.probe.max-age}.
 */
@QuarkusTest
@TestProfile(ProbeServerTest.Probes.class)
class ProbeServerTest {

  public static class Probes implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "firebell.probe.port", "0",
          "firebell.probe.host", "127.0.0.1",
          "firebell.probe.refresh", "PT0.2S",
          "firebell.probe.max-age", "PT3S");
    }
  }

  private static final Pattern CHECK_NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");

  @Inject ProbeServer probes;
  @Inject Vertx vertx;

  @TestHTTPResource("/q/health/ready")
  URI httpPortReady;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private URI probe(String path) {
    return URI.create("http://127.0.0.1:" + probes.boundPort() + path);
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> readyWithin(Duration wait, int status) throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    HttpResponse<String> last = get(probe("/q/health/ready"));
    while (last.statusCode() != status && System.nanoTime() < deadline) {
      Thread.sleep(100);
      last = get(probe("/q/health/ready"));
    }
    return last;
  }

  private static TreeSet<String> checkNames(String body) {
    TreeSet<String> names = new TreeSet<>();
    Matcher m = CHECK_NAME.matcher(body);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  @Test
  void answersTheChecksOfTheHttpPort() throws Exception {
    assertThat(probes.boundPort()).isPositive();
    HttpResponse<String> ready = readyWithin(Duration.ofSeconds(20), 200);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));

    HttpResponse<String> main = get(httpPortReady);
    assertThat(main.statusCode()).isEqualTo(200);
    assertThat(checkNames(ready.body()))
        .isEqualTo(checkNames(main.body()))
        .contains("Reactive PostgreSQL connections health check", "alarm path warmed up");

    assertThat(get(probe("/q/health/live")).statusCode()).isEqualTo(200);
    assertThat(get(probe("/q/health/started")).statusCode()).isEqualTo(200);
    assertThat(get(probe("/q/health/ready/")).statusCode()).isEqualTo(200);
  }

  @Test
  void onlyTheProbesAreServed() throws Exception {
    assertThat(get(probe("/q/health/well")).statusCode()).isEqualTo(404);
    assertThat(get(probe("/q/health")).statusCode()).isEqualTo(404);
    assertThat(get(probe("/v1/incidents")).statusCode()).isEqualTo(404);
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(probe("/q/health/ready"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void busyIsNotDownButAHangIsDown() throws Exception {
    assertThat(readyWithin(Duration.ofSeconds(20), 200).statusCode()).isEqualTo(200);

    // Every event loop busy for 6 s, as a storm keeps them on a two-core machine.
    CountDownLatch released = new CountDownLatch(1);
    List<EventExecutor> loops = new ArrayList<>();
    vertx.nettyEventLoopGroup().forEach(loops::add);
    CountDownLatch busy = new CountDownLatch(loops.size());
    for (EventExecutor loop : loops) {
      loop.execute(
          () -> {
            busy.countDown();
            try {
              released.await(6, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }
    try {
      assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(500);

      // The probe answers the last evaluation; the HTTP port's health waits for an event loop.
      HttpResponse<String> whileBusy = get(probe("/q/health/ready"));
      assertThat(whileBusy.statusCode()).isEqualTo(200);
      assertThat(whileBusy.body()).contains("\"status\":\"UP\"");
      assertThatThrownBy(() -> get(httpPortReady)).isInstanceOf(HttpTimeoutException.class);

      // No evaluation completes while the loops stay blocked: past max-age (3 s), that is DOWN.
      HttpResponse<String> hung = readyWithin(Duration.ofSeconds(5), 503);
      assertThat(hung.statusCode()).isEqualTo(503);
      assertThat(hung.body()).contains("health evaluation");
    } finally {
      released.countDown();
    }

    assertThat(readyWithin(Duration.ofSeconds(20), 200).statusCode()).isEqualTo(200);
    assertThat(get(probe("/q/health/live")).statusCode()).isEqualTo(200);
  }
}
