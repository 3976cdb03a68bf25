package io.firebell.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.client.Receiver;
import io.firebell.client.Suite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Acceptance 2 of issue 5, the fan-out: one stakeholder update to 10,000 webhook endpoints of which
 * 5 % answer 500 and 2.5 % never answer. Prints the time until every healthy endpoint has it, and
 * the healthy endpoints' p50/p99 delivery latency (update POSTed → first byte of the request at the
 * receiver) with the faulty endpoints, and in a run without them; targets: all healthy within 10 s,
 * healthy p99 with faults ≤ 1.2 × without.
 *
 * <p>It registers the endpoints, two external audiences (one with every endpoint, one with only the
 * healthy ones) and their subscriptions through broadcast-service's API, declares an incident
 * through incident-service's API and waits for broadcast-service to learn of it (Kafka). Then: a
 * warm-up update to the healthy audience (not counted), the run without faults (healthy audience),
 * the run with faults (every endpoint). The receivers are the client's {@link Receiver}s on
 * 127.0.0.1 (the local suite's outbound allow-list opens exactly that address); endpoints are
 * spread over four ports, the faulty ones mixed in with the healthy ones. Afterwards it deletes the
 * endpoints (their deliveries go with them) and the audiences.
 *
 * <p>Run: {@code ./firebell bench --only fanout} on a running suite, or directly {@code java -cp
 * "benchmarks/target/classes:benchmarks/target/lib/*" io.firebell.bench.FanOutBenchmark [--root
 * dir] [--incident url] [--broadcast url] [--endpoints n] [--keep]}.
 */
public final class FanOutBenchmark implements Scenario {

  private static final int PORTS = 4;
  private static final double FAILING_SHARE = 0.05;
  private static final double HANGING_SHARE = 0.025;
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Duration SETTLE = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int endpointCount;
  private final boolean keep;

  public FanOutBenchmark() {
    this(10_000, false);
  }

  FanOutBenchmark(int endpointCount, boolean keep) {
    this.endpointCount = endpointCount;
    this.keep = keep;
  }

  @Override
  public String name() {
    return "fanout";
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(".").toAbsolutePath().normalize();
    String incident = null;
    String broadcast = null;
    int endpoints = 10_000;
    boolean keep = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--root" -> root = Path.of(args[++i]).toAbsolutePath().normalize();
        case "--incident" -> incident = args[++i];
        case "--broadcast" -> broadcast = args[++i];
        case "--endpoints" -> endpoints = Integer.parseInt(args[++i]);
        case "--keep" -> keep = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Suite local = Suite.fromLocalCredentials(root);
    Suite suite =
        new Suite(
            local.detection(),
            incident == null ? local.incident() : incident,
            broadcast == null ? local.broadcast() : broadcast,
            local.review(),
            local.tokens(),
            local.communicatorName());
    BenchContext ctx = new BenchContext(suite, root, "127.0.0.1:9092", Duration.ofSeconds(60));
    List<Row> rows = new FanOutBenchmark(endpoints, keep).run(ctx);
    System.out.println();
    System.out.println(ResultsTable.markdown(rows));
  }

  /** What a receiver does at one endpoint. */
  enum Behaviour {
    HEALTHY,
    FAILING,
    HANGING
  }

  @Override
  public List<Row> run(BenchContext ctx) throws Exception {
    Suite suite = ctx.suite();
    String run = "fo" + Long.toString(System.currentTimeMillis(), 36);
    Behaviour[] behaviour = new Behaviour[endpointCount];
    int failing = (int) Math.round(endpointCount * FAILING_SHARE);
    int hanging = (int) Math.round(endpointCount * HANGING_SHARE);
    // Spread the faulty ones evenly: every 20th fails, every 40th (offset) hangs.
    for (int i = 0; i < endpointCount; i++) {
      behaviour[i] = Behaviour.HEALTHY;
    }
    for (int k = 0; k < failing; k++) {
      behaviour[(int) ((long) k * endpointCount / failing)] = Behaviour.FAILING;
    }
    for (int k = 0; k < hanging; k++) {
      int i = (int) ((long) k * endpointCount / hanging) + 7;
      while (behaviour[i % endpointCount] != Behaviour.HEALTHY) {
        i++;
      }
      behaviour[i % endpointCount] = Behaviour.HANGING;
    }
    int healthyCount = endpointCount - failing - hanging;

    Receivers receivers = new Receivers(behaviour);
    Api api = new Api(suite);
    List<String> endpointIds = new ArrayList<>();
    List<String> audiences = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    try {
      receivers.start();
      long setupStart = System.nanoTime();
      String all = run + "_all";
      String healthy = run + "_healthy";
      for (String key : List.of(all, healthy)) {
        api.send(
                "POST",
                suite.broadcast() + "/v1/audiences",
                "admin",
                Map.of(
                    "key",
                    key,
                    "name",
                    "Fan-out benchmark " + key,
                    "scope",
                    "external",
                    "register",
                    "service"))
            .join()
            .expect(201);
        audiences.add(key);
      }
      String[] ids = new String[endpointCount];
      api.all(
          endpointCount,
          i ->
              api.send(
                      "POST",
                      suite.broadcast() + "/v1/endpoints",
                      "admin",
                      Map.of("name", run + " #" + i, "kind", "webhook", "url", receivers.url(i)))
                  .thenApply(r -> ids[i] = r.expect(201).json().get("id").asText()));
      endpointIds.addAll(List.of(ids));
      api.all(
          endpointCount,
          i ->
              api.send(
                  "POST",
                  suite.broadcast() + "/v1/subscriptions",
                  "admin",
                  subscription(all, ids[i])));
      List<Integer> healthyIndexes = new ArrayList<>();
      for (int i = 0; i < endpointCount; i++) {
        if (behaviour[i] == Behaviour.HEALTHY) {
          healthyIndexes.add(i);
        }
      }
      api.all(
          healthyIndexes.size(),
          k ->
              api.send(
                  "POST",
                  suite.broadcast() + "/v1/subscriptions",
                  "admin",
                  subscription(healthy, ids[healthyIndexes.get(k)])));
      String incidentId = declare(api, suite, run);
      double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
      System.out.printf(
          "   set up %,d endpoints (%,d healthy, %,d answering 500, %,d never answering),"
              + " %,d subscriptions and incident %s in %.0f s%n",
          endpointCount,
          healthyCount,
          failing,
          hanging,
          endpointCount + healthyCount,
          incidentId,
          setupSeconds);

      Measured warmUp = update(api, suite, receivers, incidentId, healthy, healthyCount, "warm-up");
      System.out.println("   warm-up: " + warmUp.describe());
      Measured clean = update(api, suite, receivers, incidentId, healthy, healthyCount, "clean");
      System.out.println("   without faulty endpoints: " + clean.describe());
      Measured faulty = update(api, suite, receivers, incidentId, all, healthyCount, "faults");
      System.out.println("   with faulty endpoints: " + faulty.describe());
      System.out.printf(
          "   faulty receivers: %,d requests answered 500, %,d left hanging%n",
          receivers.requests(Behaviour.FAILING), receivers.requests(Behaviour.HANGING));

      ctx.distribution("fan-out healthy latency, without faulty endpoints", clean.histogram);
      ctx.distribution("fan-out healthy latency, with 7.5 % faulty endpoints", faulty.histogram);
      double ratio = (double) faulty.p99Ms() / Math.max(1, clean.p99Ms());
      String scenario = "fan-out";
      rows.add(
          Row.info(
              scenario,
              "setup",
              String.format(
                  "%,d webhook endpoints (%,d → 500, %,d hang) on %d receiver ports; update POST"
                      + " took %d ms (faults run)",
                  endpointCount, failing, hanging, PORTS, faulty.postMs)));
      rows.add(
          Row.check(
              scenario,
              "all "
                  + String.format("%,d", healthyCount)
                  + " healthy endpoints have it (with faults)",
              faulty.complete()
                  ? faulty.allMs() + " ms"
                  : "only " + faulty.delivered + " within " + WAIT.toSeconds() + " s",
              "≤ 10 s",
              faulty.complete() && faulty.allMs() <= 10_000));
      rows.add(
          Row.info(
              scenario,
              "healthy latency without faulty endpoints, p50 / p99",
              clean.p50Ms() + " / " + clean.p99Ms() + " ms (all in " + clean.allMs() + " ms)"));
      rows.add(
          Row.check(
                  scenario,
                  "healthy latency with faulty endpoints, p50 / p99",
                  faulty.p50Ms()
                      + " / "
                      + faulty.p99Ms()
                      + " ms (p99 ratio "
                      + String.format("%.2f", ratio)
                      + ")",
                  "p99 ≤ 1.2 × without",
                  faulty.complete() && ratio <= 1.2)
              .withReference("p99 without: " + clean.p99Ms() + " ms"));
      return rows;
    } finally {
      if (!keep) {
        System.out.println("   cleaning up (deleting the benchmark's endpoints and audiences)");
        // Let the faulty endpoints' first retries and the hanging requests' timeouts be recorded
        // first: deleting an endpoint while its result batch is being written makes both wait.
        Thread.sleep(SETTLE.toMillis());
        try {
          api.all(
              endpointIds.size(),
              i ->
                  api.send(
                      "DELETE",
                      suite.broadcast() + "/v1/endpoints/" + endpointIds.get(i),
                      "admin",
                      null));
          for (String key : audiences) {
            api.send("DELETE", suite.broadcast() + "/v1/audiences/" + key, "admin", null).join();
          }
        } catch (Exception e) {
          // The figures stand; say what is left behind instead of losing them.
          System.out.println(
              "   clean-up incomplete ("
                  + e
                  + "): delete the endpoints named '"
                  + run
                  + " #…' and the audiences "
                  + audiences);
        }
      }
      receivers.close();
    }
  }

  private static Map<String, Object> subscription(String audience, String endpointId) {
    return Map.of("audience", audience, "endpointId", endpointId);
  }

  private static String declare(Api api, Suite suite, String run) throws Exception {
    String id =
        api.send(
                "POST",
                suite.incident() + "/v1/incidents",
                "responder",
                Map.of(
                    "title",
                    "Fan-out benchmark " + run,
                    "service",
                    "bench-" + run,
                    "severity",
                    "SEV2"))
            .join()
            .expect(201)
            .json()
            .get("id")
            .asText();
    // broadcast-service learns of it from incident.declared on Kafka.
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      int status =
          api.send("GET", suite.broadcast() + "/v1/incidents/" + id + "/updates", "viewer", null)
              .join()
              .status();
      if (status == 200) {
        return id;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("broadcast-service did not learn of incident " + id);
  }

  private static Measured update(
      Api api,
      Suite suite,
      Receivers receivers,
      String incidentId,
      String audience,
      int healthyCount,
      String label)
      throws Exception {
    String marker = label + "-" + UUID.randomUUID();
    receivers.arm(marker);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "identified");
    body.put(
        "impact",
        "Some orders take longer to confirm (" + marker + "). Payments are not affected.");
    body.put("expectedRecoveryAt", Instant.now().plus(Duration.ofHours(1)).toString());
    body.put("followUpActions", List.of("Delayed orders are confirmed automatically."));
    body.put("audiences", List.of(audience));
    long sent = System.nanoTime();
    Api.Answer answer =
        api.send(
                "POST",
                suite.broadcast() + "/v1/incidents/" + incidentId + "/updates",
                "communicator",
                body)
            .join();
    long postMs = (System.nanoTime() - sent) / 1_000_000;
    answer.expect(201);
    long deadline = sent + WAIT.toNanos();
    while (receivers.healthyArrived.get() < healthyCount && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    long last = 0;
    for (long at : receivers.firstArrival.values()) {
      long micros = Math.max(1, (at - sent) / 1_000);
      h.recordValue(Math.min(micros, h.getHighestTrackableValue()));
      last = Math.max(last, at);
    }
    return new Measured(
        h, receivers.healthyArrived.get(), healthyCount, (last - sent) / 1_000_000, postMs);
  }

  record Measured(Histogram histogram, long delivered, int expected, long allMs, long postMs) {
    boolean complete() {
      return delivered >= expected;
    }

    long p50Ms() {
      return histogram.getValueAtPercentile(50) / 1_000;
    }

    long p99Ms() {
      return histogram.getValueAtPercentile(99) / 1_000;
    }

    String describe() {
      return String.format(
          "%,d/%,d healthy endpoints in %,d ms; p50 %d ms, p99 %d ms, max %d ms (POST %d ms)",
          delivered, expected, allMs, p50Ms(), p99Ms(), histogram.getMaxValue() / 1_000, postMs);
    }
  }

  /** The suite's receivers, one per port: /e/{i} on port i % 4 behaves as {@code behaviour[i]}. */
  static final class Receivers implements AutoCloseable {
    private final Behaviour[] behaviour;
    private final List<Receiver> receivers = new ArrayList<>();
    final Map<Integer, Long> firstArrival = new ConcurrentHashMap<>();
    final AtomicLong healthyArrived = new AtomicLong();
    private final AtomicReference<String> marker = new AtomicReference<>("");

    Receivers(Behaviour[] behaviour) {
      this.behaviour = behaviour;
    }

    void start() throws Exception {
      for (int p = 0; p < PORTS; p++) {
        Receiver receiver = new Receiver(null);
        receiver.onAnswered(
            m -> {
              int i = index(m);
              if (behaviour[i] == Behaviour.HEALTHY
                  && m.mentions(marker.get())
                  && firstArrival.putIfAbsent(i, m.nanos()) == null) {
                healthyArrived.incrementAndGet();
              }
            });
        receivers.add(receiver);
      }
      for (int i = 0; i < behaviour.length; i++) {
        switch (behaviour[i]) {
          case FAILING -> receivers.get(i % PORTS).script(path(i), n -> Receiver.Answer.of(500));
          case HANGING -> receivers.get(i % PORTS).script(path(i), n -> Receiver.Answer.HANG);
          case HEALTHY -> {}
        }
      }
    }

    String url(int i) {
      return receivers.get(i % PORTS).url(path(i));
    }

    /** How many requests reached endpoints that behave as {@code b}. */
    long requests(Behaviour b) {
      return receivers.stream()
          .flatMap(r -> r.received().stream())
          .filter(m -> behaviour[index(m)] == b)
          .count();
    }

    /** Counts arrivals of the message carrying {@code marker} only, from now on. */
    void arm(String newMarker) {
      firstArrival.clear();
      healthyArrived.set(0);
      marker.set(newMarker);
    }

    private static String path(int i) {
      return "/e/" + i;
    }

    private static int index(Receiver.Message m) {
      return Integer.parseInt(m.path().substring(m.path().lastIndexOf('/') + 1));
    }

    @Override
    public void close() {
      receivers.forEach(Receiver::close);
    }
  }

  /** Bounded-concurrency JSON calls to the suite. */
  static final class Api {
    private final Suite suite;
    private final HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    Api(Suite suite) {
      this.suite = suite;
    }

    record Answer(int status, String body) {
      Answer expect(int code) {
        if (status != code) {
          throw new IllegalStateException(
              "expected HTTP " + code + ", got " + status + ": " + body);
        }
        return this;
      }

      JsonNode json() {
        try {
          return JSON.readTree(body);
        } catch (Exception e) {
          throw new IllegalStateException("not JSON: " + body, e);
        }
      }
    }

    CompletableFuture<Answer> send(String method, String url, String role, Object body) {
      try {
        HttpRequest.Builder b =
            HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + suite.token(role));
        if (body == null) {
          b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
          b.header("Content-Type", "application/json")
              .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return client
            .sendAsync(b.build(), HttpResponse.BodyHandlers.ofString())
            .thenApply(r -> new Answer(r.statusCode(), r.body()));
      } catch (Exception e) {
        return CompletableFuture.failedFuture(e);
      }
    }

    /** Runs {@code call(0..n-1)} with at most 32 at once; fails on the first failure. */
    void all(int n, Function<Integer, CompletableFuture<?>> call) throws Exception {
      Semaphore slots = new Semaphore(32);
      List<CompletableFuture<?>> futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        slots.acquire();
        CompletableFuture<?> f = call.apply(i).whenComplete((r, e) -> slots.release());
        futures.add(f);
      }
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
      for (CompletableFuture<?> f : futures) {
        Object r = f.get();
        if (r instanceof Answer a && a.status() >= 300) {
          throw new IllegalStateException("HTTP " + a.status() + ": " + a.body());
        }
      }
    }
  }
}
