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
 * every scenario runs, asks each component's health every 250 ms (one thread per address, a 5 s
 * read timeout) and keeps the slowest answer; a timeout counts as 5 s. The answer's status does not
 * matter here (a broker outage is DOWN, and that is right); how long it took does: on Kubernetes a
 * probe that does not answer in time takes the pod out of service, or restarts it.
 *
 * <p>Two rows. The target row asks what Kubernetes probes: each service's probe port (its HTTP port
 * + 1000, answered by a thread of its own, ADR 0147) and the console's HTTP port. The info row asks
 * the services' HTTP port, where Quarkus answers {@code /q/health/ready} on the event loops that
 * also run the work (the launcher and the tests use it).
 */
public final class HealthSampler implements AutoCloseable {

  private static final int TIMEOUT_MS = 5_000;

  /** The launcher's rule (./firebell, PROBE_PORT_OFFSET): probes on the HTTP port + 1000. */
  static final int PROBE_PORT_OFFSET = 1_000;

  /** The console has no probe port: Kubernetes probes its HTTP port. */
  private static final String NO_PROBE_PORT = "console";

  private final Map<String, Integer> probed = new LinkedHashMap<>();
  private final Map<String, Integer> mainPort = new LinkedHashMap<>();
  private final Map<String, Long> slowestMs = new ConcurrentHashMap<>();
  private final Map<String, Long> polls = new ConcurrentHashMap<>();
  private final Map<String, Instant> slowestAt = new ConcurrentHashMap<>();
  private final Map<String, String> slowestDuring = new ConcurrentHashMap<>();
  private volatile String scenario = "start";
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  public HealthSampler(Path root) throws IOException {
    for (Map.Entry<String, Integer> e : ports(root).entrySet()) {
      String component = e.getKey();
      int port = e.getValue();
      if (component.equals(NO_PROBE_PORT)) {
        probed.put(component, port);
      } else {
        probed.put(component, port + PROBE_PORT_OFFSET);
        mainPort.put(component, port);
      }
    }
    probed.forEach((component, port) -> poll("probe " + component, port));
    mainPort.forEach((component, port) -> poll("main " + component, port));
  }

  private void poll(String key, int port) {
    Thread t = new Thread(() -> sample(key, port), "health-" + key.replace(' ', '-'));
    t.setDaemon(true);
    t.start();
    threads.add(t);
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

  private void sample(String key, int port) {
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
        if (ms > slowestMs.getOrDefault(key, -1L)) {
          slowestMs.put(key, ms);
          slowestAt.put(key, Instant.now());
          slowestDuring.put(key, scenario);
        }
        polls.merge(key, 1L, Long::sum);
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

  /**
   * Two rows: the slowest answer to Kubernetes' probes of each component (the target), and the
   * slowest of the services' HTTP-port {@code /q/health/ready} (info).
   */
  public List<Row> rows() {
    long worst = 0;
    for (String component : probed.keySet()) {
      worst = Math.max(worst, slowestMs.getOrDefault("probe " + component, 0L));
    }
    return List.of(
        Row.check(
            "health under load",
            "slowest answer to Kubernetes' readiness probe while the scenarios ran (services: probe"
                + " port, ADR 0147; console: HTTP port)",
            figures("probe ", probed.keySet()),
            "≤ 1,000 ms",
            worst <= 1_000),
        Row.info(
            "health under load",
            "slowest /q/health/ready on the services' HTTP port (event loops; launcher and tests)",
            figures("main ", mainPort.keySet())));
  }

  private String figures(String prefix, Iterable<String> components) {
    List<String> parts = new ArrayList<>();
    for (String component : components) {
      String key = prefix + component;
      parts.add(
          component
              + " "
              + slowestMs.getOrDefault(key, 0L)
              + " ms ("
              + polls.getOrDefault(key, 0L)
              + " polls; slowest during "
              + slowestDuring.getOrDefault(key, "—")
              + " at "
              + String.valueOf(slowestAt.get(key)).replaceAll("\\.\\d+Z$", "Z")
              + ")");
    }
    return String.join(", ", parts);
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
