package io.firebell.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 6, footprint: for each service, start-to-ready of a fresh instance (process start →
 * {@code /q/health/ready} UP, JVM boot included, started exactly as the launcher starts it: its
 * java, JVM options and class cache) and its stop (SIGTERM → exited), and the resident set of the
 * suite's own, warmed-up instance. The whole suite's RSS under load is sampled by {@link
 * RssSampler} while the ingest scenario runs.
 */
public final class Footprint implements Scenario {

  static final List<String> SERVICES = List.of("detection", "incident", "broadcast", "review");

  /**
   * The JVMs {@code ./firebell up} starts (pid files in {@code .firebell/pids/}): the four services
   * and detection-service's grouping worker (ADR 0106), the same application with its alert
   * consumer on.
   */
  static final List<String> PROCESSES =
      List.of(
          "detection-service",
          "detection-worker",
          "incident-service",
          "broadcast-service",
          "review-service");

  private static final String JAVA_OPTS_DEFAULT = "-Xms64m -Xmx384m -XX:+UseParallelGC";

  @Override
  public String name() {
    return "footprint";
  }

  @Override
  public List<Row> run(BenchContext ctx) throws Exception {
    List<Row> rows = new ArrayList<>();
    for (String s : SERVICES) {
      double[] times = startToReadyAndStop(ctx, s);
      rows.add(
          Row.check(
              "6 footprint",
              s + "-service start → ready",
              String.format("%.1f s", times[0]),
              "≤ 3 s",
              times[0] <= 3.0));
      rows.add(
          Row.check(
              "6 footprint",
              s + "-service SIGTERM → exited",
              String.format("%.1f s", times[1]),
              "≤ 5 s",
              times[1] <= 5.0));
    }
    for (String process : PROCESSES) {
      Optional<Long> rss = rssKb(ctx.root(), process);
      rows.add(
          Row.check(
              "6 footprint",
              process + " RSS after warm-up",
              rss.map(kb -> kb / 1024 + " MB").orElse("not running"),
              process.startsWith("detection-") ? "—" : "≤ 250 MB",
              rss.map(kb -> process.startsWith("detection-") || kb / 1024 <= 250).orElse(false)));
    }
    return rows;
  }

  /** Resident set in kB of a component started by {@code ./firebell up}, if it runs. */
  static Optional<Long> rssKb(Path root, String component) {
    try {
      Path pidFile = root.resolve(".firebell/pids/" + component + ".pid");
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      String pid = Files.readString(pidFile).trim();
      for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * How {@code ./firebell up} runs the component: the same java, JVM options and class cache
   * ({@code ./firebell java-command}); the options of a launcher too old to say, otherwise.
   */
  private static List<String> launcherCommand(Path root, String component) throws Exception {
    Process p =
        new ProcessBuilder(root.resolve("firebell").toString(), "java-command", component)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isBlank()) {
      return out.lines().filter(l -> !l.isBlank()).toList();
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    String opts = System.getenv().getOrDefault("FIREBELL_JAVA_OPTS", JAVA_OPTS_DEFAULT);
    command.addAll(List.of(opts.trim().split("\\s+")));
    command.add("-jar");
    command.add(root.resolve(component + "/target/quarkus-app/quarkus-run.jar").toString());
    return command;
  }

  /**
   * Starts a second instance of the service as {@code ./firebell up} starts the suite's (its java,
   * options and class cache), on a free port, and times it until ready; then sends it SIGTERM and
   * times it until it exited. Returns both, in seconds.
   */
  private static double[] startToReadyAndStop(BenchContext ctx, String service) throws Exception {
    Path root = ctx.root();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command = launcherCommand(root, service + "-service");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(root.resolve(service + "-service").toFile());
    Map<String, String> env = builder.environment();
    env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
    env.put(
        "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
        "file:" + root.resolve(".firebell/keys/jwt-public.pem"));
    env.put("MP_JWT_VERIFY_ISSUER", "firebell");
    // The local suite's databases hold secrets sealed with the local key (./firebell up made it).
    env.put(
        "FIREBELL_SECRETS_KEYS",
        Files.readString(root.resolve(".firebell/keys/secrets.key"), StandardCharsets.US_ASCII)
            .trim());
    env.put("KAFKA_BOOTSTRAP_SERVERS", ctx.kafka());
    env.put("FIREBELL_OUTBOUND_ALLOW_LIST", "127.0.0.1/32");
    Path log = root.resolve("benchmarks/target/footprint-" + service + ".log");
    Files.createDirectories(log.getParent());
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    double readySeconds = -1;
    try {
      long deadline = start + TimeUnit.SECONDS.toNanos(120);
      while (readySeconds < 0 && System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(service + " exited during startup; see " + log);
        }
        if (ready(port)) {
          readySeconds = (System.nanoTime() - start) / 1e9;
        } else {
          Thread.sleep(50);
        }
      }
      if (readySeconds < 0) {
        throw new IllegalStateException(service + " not ready within 120 s; see " + log);
      }
    } finally {
      if (readySeconds < 0) {
        process.destroyForcibly();
      }
    }
    long stopping = System.nanoTime();
    process.destroy(); // SIGTERM
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    return new double[] {readySeconds, (System.nanoTime() - stopping) / 1e9};
  }

  private static boolean ready(int port) {
    try {
      HttpURLConnection c =
          (HttpURLConnection)
              URI.create("http://127.0.0.1:" + port + "/q/health/ready").toURL().openConnection();
      c.setConnectTimeout(200);
      c.setReadTimeout(1000);
      return c.getResponseCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }
}
