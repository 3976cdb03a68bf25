package io.firebell.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issue 19, item 13: health answers within a second under any load the benchmarks apply. While
 * every scenario runs, asks each component's {@code /q/health/ready} every 250 ms (one thread per
 * component, a 5 s read timeout) and keeps the slowest answer; a timeout counts as 5 s. The
 * answer's status does not matter here (a broker outage is DOWN, and that is right); how long it
 * took does: on Kubernetes a probe that does not answer in time takes the pod out of service.
 */
public final class HealthSampler implements AutoCloseable {

  private static final int TIMEOUT_MS = 5_000;

  private final Map<String, Integer> ports;
  private final Map<String, Long> slowestMs = new ConcurrentHashMap<>();
  private final Map<String, Long> polls = new ConcurrentHashMap<>();
  private final Map<String, Instant> slowestAt = new ConcurrentHashMap<>();
  private final Map<String, String> slowestDuring = new ConcurrentHashMap<>();
  private volatile String scenario = "start";
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  public HealthSampler(Path root) throws IOException {
    this.ports = ports(root);
    for (Map.Entry<String, Integer> e : ports.entrySet()) {
      Thread t = new Thread(() -> sample(e.getKey(), e.getValue()), "health-" + e.getKey());
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
  }

  /** Component → HTTP port, from config/components.tsv (the launcher's own table). */
  static Map<String, Integer> ports(Path root) throws IOException {
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (String line : Files.readAllLines(root.resolve("config/components.tsv"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t");
      ports.put(cols[0], Integer.parseInt(cols[2]));
    }
    return ports;
  }

  private void sample(String component, int port) {
    URI uri = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
    while (running) {
      long started = System.nanoTime();
      try {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(TIMEOUT_MS);
        c.setReadTimeout(TIMEOUT_MS);
        c.getResponseCode();
        InputStream body = c.getErrorStream() != null ? c.getErrorStream() : c.getInputStream();
        body.readAllBytes();
        body.close();
      } catch (IOException e) {
        // refused (not started) or timed out: the elapsed time says which
      }
      long ms = (System.nanoTime() - started) / 1_000_000;
      if (running) {
        if (ms > slowestMs.getOrDefault(component, -1L)) {
          slowestMs.put(component, ms);
          slowestAt.put(component, Instant.now());
          slowestDuring.put(component, scenario);
        }
        polls.merge(component, 1L, Long::sum);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Names the scenario that runs from now on, so that the slowest answer says when it came. */
  public void scenario(String name) {
    this.scenario = name;
  }

  /** One row: the slowest readiness answer of each component over everything the bench ran. */
  public Row row() {
    long worst = 0;
    List<String> parts = new ArrayList<>();
    for (String component : ports.keySet()) {
      long ms = slowestMs.getOrDefault(component, 0L);
      worst = Math.max(worst, ms);
      parts.add(
          component
              + " "
              + ms
              + " ms ("
              + polls.getOrDefault(component, 0L)
              + " polls; slowest during "
              + slowestDuring.getOrDefault(component, "—")
              + " at "
              + String.valueOf(slowestAt.get(component)).replaceAll("\\.\\d+Z$", "Z")
              + ")");
    }
    return Row.check(
        "health under load",
        "slowest /q/health/ready answer while the scenarios ran",
        String.join(", ", parts),
        "≤ 1,000 ms",
        worst <= 1_000);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.interrupt();
      t.join(TIMEOUT_MS + 1_000);
    }
  }
}
