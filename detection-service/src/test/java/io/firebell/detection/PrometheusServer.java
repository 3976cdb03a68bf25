package io.firebell.detection;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;

/**
 * A real Prometheus server (Debian's {@code prometheus} package, which {@code
 * scripts/ensure-prometheus} installs) for a test: its own temporary directory and free port, a
 * history backfilled with Debian's {@code promtool} (weeks of a metric cannot be scraped in a
 * test), and a scrape every second of a small exporter page the test serves and sets. Stopped and
 * its directory deleted by {@link #close()}.
 */
final class PrometheusServer implements AutoCloseable {

  static final String PROMETHEUS = "/usr/bin/prometheus";
  static final String PROMTOOL = "/usr/bin/promtool";

  private final Path dir;
  private final int port;
  private final HttpServer exporter;
  private final AtomicReference<String> page = new AtomicReference<>("");
  private final HttpClient http = HttpClient.newHttpClient();
  private Process process;

  /**
   * @param metric the gauge the exporter serves (label {@code job="shop"} once scraped)
   * @param history the backfilled value at an epoch second, or null for none
   * @param from first second of the backfill
   * @param to last second of the backfill
   */
  PrometheusServer(String metric, LongFunction<Double> history, long from, long to)
      throws IOException, InterruptedException {
    dir = Files.createTempDirectory("firebell-prometheus-");
    exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    exporter.createContext(
        "/metrics",
        exchange -> {
          byte[] body = page.get().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    exporter.start();
    port = freePort();
    backfill(metric, history, from, to);
    Files.writeString(
        dir.resolve("prometheus.yml"),
        """
        global:
          scrape_interval: 1s
        scrape_configs:
          - job_name: shop
            static_configs:
              - targets: ['127.0.0.1:%d']
        """
            .formatted(exporter.getAddress().getPort()));
  }

  /** What the exporter page says from now on. */
  void serve(String metric, double value) {
    page.set("# TYPE " + metric + " gauge\n" + metric + " " + value + "\n");
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Starts the server (again, on the same port and data) and waits until it answers queries. */
  void start() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                PROMETHEUS,
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--storage.tsdb.retention.time=90d",
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(dir.resolve("prometheus.log").toFile()))
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (query("vector(1)") == null) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("prometheus did not start: " + log());
      }
      Thread.sleep(200);
    }
  }

  /** Stops the server (TERM, then KILL after 10 s). */
  void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    process = null;
  }

  /** The instant query's JSON answer, or null while the server does not answer 200. */
  String query(String promql) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          url()
                              + "/api/v1/query?query="
                              + java.net.URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  String log() {
    try {
      return Files.readString(dir.resolve("prometheus.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Writes the history as OpenMetrics, one sample a minute, and turns it into TSDB blocks. */
  private void backfill(String metric, LongFunction<Double> history, long from, long to)
      throws IOException, InterruptedException {
    StringBuilder om = new StringBuilder("# TYPE ").append(metric).append(" gauge\n");
    for (long t = from - from % 60; t <= to; t += 60) {
      Double v = history.apply(t);
      if (v != null) {
        om.append(metric).append("{job=\"shop\"} ").append(v).append(' ').append(t).append('\n');
      }
    }
    om.append("# EOF\n");
    Path file = dir.resolve("history.om");
    Files.writeString(file, om);
    Files.createDirectories(dir.resolve("data"));
    Process p =
        new ProcessBuilder(
                PROMTOOL,
                "tsdb",
                "create-blocks-from",
                "openmetrics",
                file.toString(),
                dir.resolve("data").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("promtool.log").toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "promtool failed: " + Files.readString(dir.resolve("promtool.log")));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    try {
      stop();
    } finally {
      exporter.stop(0);
      try (var paths = Files.walk(dir)) {
        List<Path> all = new ArrayList<>(paths.toList());
        java.util.Collections.reverse(all);
        for (Path p : all) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
