package io.firebell.bench;

import io.firebell.client.Receiver;
import io.firebell.client.Suite;
import io.firebell.client.demo.AnnounceProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./firebell bench}: runs the scenarios against the running local suite and prints one table
 * — scenario, figure, target, same-run reference, verdict — with the machine, date and commit;
 * writes it as Markdown and a chart of the latency distributions under {@code benchmarks/target/}.
 *
 * <p>Options: {@code --only name,name} (scenarios: {@link #scenarios()}), {@code --duration
 * seconds} for the sustained scenarios (default 60), {@code --set name=number} to override a
 * scenario's setting (e.g. {@code announce.background-fraction=0}), {@code --profile} to record the
 * services with JFR meanwhile and add where their CPU went to the results ({@link Profiler}).
 */
public final class Bench {

  private Bench() {}

  static List<Scenario> scenarios() {
    List<Scenario> all = new ArrayList<>();
    all.addAll(Scenarios.extra());
    all.add(new Footprint());
    return all;
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(".").toAbsolutePath().normalize();
    Set<String> only = new LinkedHashSet<>();
    Map<String, Double> settings = new LinkedHashMap<>();
    Duration duration = Duration.ofSeconds(60);
    boolean profile = false;
    boolean freshSuite = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--root" -> root = Path.of(args[++i]).toAbsolutePath().normalize();
        case "--only" -> only.addAll(Arrays.asList(args[++i].split(",")));
        case "--profile" -> profile = true;
        case "--fresh-suite" -> freshSuite = true;
        case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(args[++i]));
        case "--set" -> {
          String[] kv = args[++i].split("=", 2);
          settings.put(kv[0], Double.parseDouble(kv[1]));
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Suite suite = Suite.fromLocalCredentials(root);
    BenchContext ctx = new BenchContext(suite, root, "127.0.0.1:9092", duration);
    ctx.facts().putAll(settings);
    String machine = Machine.describe(root);
    System.out.println("Firebell benchmarks — " + machine + "\n");

    Profiler profiler = profile ? new Profiler(root) : null;
    if (profiler != null) {
      profiler.start();
    }
    List<Row> rows = new ArrayList<>();
    rows.addAll(firstAlarm(suite, freshSuite));
    HealthSampler health = new HealthSampler(root);
    for (Scenario s : scenarios()) {
      if (!only.isEmpty() && !only.contains(s.name())) {
        continue;
      }
      System.out.println("== " + s.name() + " (started " + Instant.now() + ")");
      health.scenario(s.name());
      System.out.println("   " + Housekeeping.vacuumIfNoAutovacuum());
      try {
        List<Row> result = s.run(ctx);
        result.forEach(r -> System.out.println("   " + r.measure() + ": " + r.figure()));
        rows.addAll(result);
      } catch (Exception e) {
        System.out.println("   failed: " + e);
        rows.add(new Row(s.name(), "run", "failed: " + e.getMessage(), "—", "—", "FAILED"));
      }
    }
    health.close();
    rows.addAll(health.rows());
    String table = ResultsTable.markdown(rows);
    System.out.println("\n" + table);
    String profileSummary = "";
    if (profiler != null) {
      profileSummary = "\n" + profiler.stop();
      System.out.println(profileSummary);
    }
    Path out = root.resolve("benchmarks/target");
    Files.createDirectories(out);
    Files.writeString(
        out.resolve("bench-results.md"),
        "Machine: " + machine + "\n\n" + table + profileSummary,
        StandardCharsets.UTF_8);
    if (!ctx.distributions().isEmpty()) {
      Chart.write(
          ctx.distributions(),
          "Firebell latency distributions (" + machine.split(";")[0] + ")",
          out.resolve("bench-latency.png"));
      System.out.println("chart: benchmarks/target/bench-latency.png");
    }
    System.out.println("table: benchmarks/target/bench-results.md");
  }

  /**
   * Target 4 of issue 20: the first incident after a fresh {@code ./firebell up} reaches its
   * receiver within a second. Measured only when the launcher started the suite for this run
   * ({@code --fresh-suite}): anything sent earlier would have warmed it.
   */
  static List<Row> firstAlarm(Suite suite, boolean freshSuite) {
    String measure = "first incident after ./firebell up: webhook accepted → fire alarm";
    if (!freshSuite) {
      return List.of(
          Row.info(
              "4 announce first",
              measure,
              "not measured: the suite was already up (./firebell down, then ./firebell bench)"));
    }
    try (Receiver receiver = new Receiver(null);
        Traces traces = Traces.open();
        AnnounceProbe probe = new AnnounceProbe(suite, receiver)) {
      traces.watch(probe.traceIdPrefix());
      AnnounceProbe.Figures first = probe.measure(1, Duration.ofSeconds(30));
      long ms = first.maxMillis();
      System.out.println("== first alarm after start: " + ms + " ms");
      List<Row> rows = new ArrayList<>();
      rows.add(Row.check("4 announce first", measure, ms + " ms", "≤ 1,000 ms", ms <= 1_000));
      // Where the first alarm's time went: the same per-hop breakdown as the announce rows.
      rows.addAll(traces.breakdown("4 announce first", first.traceIds()));
      // How fast the suite warms up: the next ten, one after another, with nothing else running.
      AnnounceProbe.Figures next = probe.measure(10, Duration.ofSeconds(30));
      rows.add(
          Row.info(
              "4 announce first",
              "the next 10 incidents, one after another: each in ms",
              next.micros().stream().map(us -> String.valueOf(us / 1000)).toList().toString()));
      rows.addAll(traces.breakdown("4 announce first, next 10", next.traceIds()));
      rows.forEach(r -> System.out.println("   " + r.measure() + ": " + r.figure()));
      return rows;
    } catch (Exception e) {
      return List.of(
          Row.check("4 announce first", measure, "failed: " + e.getMessage(), "≤ 1,000 ms", false));
    }
  }

  /** The machine, the date and the commit, for the record. */
  static final class Machine {
    private Machine() {}

    static String describe(Path root) throws IOException, InterruptedException {
      String cpu = "unknown CPU";
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
      long memKb = 0;
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      Process git =
          new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "--short", "HEAD")
              .redirectErrorStream(true)
              .start();
      String commit =
          new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      git.waitFor();
      return String.format(
          "%d cores (%s), %d GiB; Java %s; %s; commit %s",
          Runtime.getRuntime().availableProcessors(),
          cpu,
          Math.round(memKb / 1024.0 / 1024.0),
          System.getProperty("java.version"),
          Instant.now().toString().substring(0, 16).replace('T', ' ') + " UTC",
          commit);
    }
  }
}
