package io.firebell.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.client.Http;
import io.firebell.client.Suite;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;

/**
 * The console's pages with 1,000 incidents in the system: the server time of each page (its {@code
 * Server-Timing: app;dur=} header: the console's time including its calls to the services) over 200
 * sequential requests by one signed-in person, after 20 to warm up. Target: p95 ≤ 200 ms per page.
 */
public final class ConsolePages implements Scenario {

  static final int INCIDENTS = 1_000;
  private static final int WARM = 20;
  private static final int REQUESTS = 200;
  private static final double TARGET_P95_MS = 200;
  private static final String CONSOLE = "http://127.0.0.1:8080";

  @Override
  public String name() {
    return "console";
  }

  @Override
  public List<Row> run(BenchContext ctx) throws Exception {
    Suite suite = ctx.suite();
    String firstId = ensureIncidents(suite);
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    String password = credential(ctx.root(), "FIREBELL_CONSOLE_PASSWORD_VIEWER");
    HttpResponse<String> signIn =
        browser.send(
            HttpRequest.newBuilder(URI.create(CONSOLE + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=viewer&password="
                            + URLEncoder.encode(password, StandardCharsets.UTF_8)
                            + "&next=/incidents"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (signIn.statusCode() != 303) {
      return List.of(
          Row.info("console", "sign-in as viewer", "failed (HTTP " + signIn.statusCode() + ")"));
    }
    List<Row> rows = new ArrayList<>();
    for (String page :
        List.of(
            "/incidents",
            "/incidents/list",
            "/incidents/" + firstId,
            "/incidents/" + firstId + "/updates",
            "/incidents/" + firstId + "/report",
            "/triage",
            "/reviews")) {
      Histogram micros = new Histogram(3);
      int failures = 0;
      for (int i = 0; i < WARM + REQUESTS; i++) {
        HttpResponse<Void> r =
            browser.send(
                HttpRequest.newBuilder(URI.create(CONSOLE + page)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) {
          failures++;
          continue;
        }
        double ms =
            r.headers()
                .firstValue("Server-Timing")
                .map(v -> Double.parseDouble(v.replaceAll(".*dur=([0-9.]+).*", "$1")))
                .orElse(Double.NaN);
        if (i >= WARM && !Double.isNaN(ms)) {
          micros.recordValue(Math.max(1, Math.round(ms * 1000)));
        }
      }
      String label = page.replace(firstId, "{id}");
      if (micros.getTotalCount() == 0) {
        rows.add(Row.info("console", "page " + label, "no answer 200 (" + failures + " failed)"));
        continue;
      }
      double p50 = micros.getValueAtPercentile(50) / 1000.0;
      double p95 = micros.getValueAtPercentile(95) / 1000.0;
      rows.add(
          Row.check(
              "console",
              "page " + label + " server time, " + INCIDENTS + " incidents",
              String.format(
                  Locale.ROOT,
                  "p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d requests%s)",
                  p50,
                  p95,
                  micros.getMaxValue() / 1000.0,
                  micros.getTotalCount(),
                  failures == 0 ? "" : ", " + failures + " not 200"),
              "p95 ≤ 200 ms",
              p95 <= TARGET_P95_MS && failures == 0));
    }
    return rows;
  }

  /** Declares incidents until there are at least 1,000; returns the newest one's id. */
  private static String ensureIncidents(Suite suite) throws Exception {
    Http http = new Http();
    String viewer = suite.token("viewer");
    int existing = 0;
    String cursor = null;
    do {
      JsonNode page =
          http.get(
                  suite.incident()
                      + "/v1/incidents?limit=200"
                      + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, "UTF-8")),
                  viewer)
              .expect(200)
              .json();
      existing += page.path("items").size();
      cursor = page.path("nextCursor").asText(null);
    } while (cursor != null && existing < INCIDENTS);
    int missing = INCIDENTS - existing;
    if (missing > 0) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < missing; i++) {
        int n = i;
        done.add(
            pool.submit(
                () ->
                    http.post(
                            suite.incident() + "/v1/incidents",
                            suite.token("responder"),
                            Http.map(
                                "title",
                                "Bench incident " + n + " for the console's pages",
                                "service",
                                "bench-console-" + (n % 20),
                                "domain",
                                "bench",
                                "severity",
                                "SEV4"))
                        .expect(201)));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
    }
    return http.get(suite.incident() + "/v1/incidents?limit=1", viewer)
        .expect(200)
        .json()
        .path("items")
        .path(0)
        .path("id")
        .asText();
  }

  private static String credential(Path root, String name) throws Exception {
    for (String line :
        Files.readAllLines(root.resolve(".firebell/credentials.env"), StandardCharsets.UTF_8)) {
      if (line.startsWith(name + "=")) {
        return line.substring(name.length() + 1);
      }
    }
    throw new IllegalStateException(name + " is not in .firebell/credentials.env");
  }
}
