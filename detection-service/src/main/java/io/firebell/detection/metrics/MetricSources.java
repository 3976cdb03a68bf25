package io.firebell.detection.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.detection.config.DetectionConfig;
import io.firebell.detection.model.MetricWatch;
import io.firebell.detection.model.MetricWatch.Reading;
import io.firebell.platform.outbound.OutboundGuard;
import io.firebell.platform.outbound.OutboundHttp;
import io.firebell.platform.outbound.OutboundHttp.OutboundAnswer;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Reads a watch's metric as of an instant, and the same instant 1…N weeks earlier: from the samples
 * pushed to Firebell, or with one {@code /api/v1/query_range} call to a Prometheus-compatible API
 * whose step is a week (so its points are exactly those instants). The query goes through the
 * suite's outbound guard. Whatever keeps the metric from being read makes the reading blind, with a
 * short reason (ADR 0120).
 */
@ApplicationScoped
public class MetricSources {

  private static final Logger LOG = Logger.getLogger(MetricSources.class);
  private static final String USER_AGENT = "Firebell-Metrics/0.1 (+https://firebell.io)";
  static final long WEEK_SECONDS = Duration.ofDays(7).toSeconds();

  // Row k: the latest sample in the lookback before asOf - k weeks, k = 0 … N.
  private static final String PUSHED_VALUES =
      "select k, (select s.value from metric_sample s where s.metric = $1"
          + " and s.at <= cast($2 as timestamptz) - k * interval '7 days'"
          + " and s.at > cast($2 as timestamptz) - k * interval '7 days'"
          + " - cast($3 as integer) * interval '1 second'"
          + " order by s.at desc limit 1) as value"
          + " from generate_series(0, cast($4 as integer)) as k order by k";

  private final Pool pool;
  private final OutboundHttp http;
  private final DetectionConfig config;
  private final ObjectMapper mapper;

  public MetricSources(
      Pool pool, Vertx vertx, OutboundGuard guard, DetectionConfig config, ObjectMapper mapper) {
    this.pool = pool;
    this.http = new OutboundHttp(vertx, guard, 2, USER_AGENT);
    this.config = config;
    this.mapper = mapper;
  }

  void close(@Observes ShutdownEvent event) {
    http.close();
  }

  public Uni<Reading> read(MetricWatch watch, Instant asOf) {
    return MetricWatch.PUSHED.equals(watch.getSource())
        ? pushed(watch, asOf)
        : prometheus(watch, asOf);
  }

  private Uni<Reading> pushed(MetricWatch watch, Instant asOf) {
    return pool.preparedQuery(PUSHED_VALUES)
        .execute(
            Tuple.of(
                watch.getMetric(),
                asOf.atOffset(ZoneOffset.UTC),
                (int) config.metrics().lookback().toSeconds(),
                watch.getBaselineWeeks()))
        .map(
            rows -> {
              List<Double> values = new ArrayList<>();
              for (Row row : rows) {
                values.add(row.getDouble("value"));
              }
              return reading(values, "no sample pushed in the " + lookback() + " before it");
            });
  }

  private Uni<Reading> prometheus(MetricWatch watch, Instant asOf) {
    String url = queryUrl(watch, asOf);
    return Uni.createFrom()
        .completionStage(
            () ->
                http.get(
                        url,
                        Map.of("accept", "application/json"),
                        config.metrics().queryTimeout(),
                        config.metrics().maxQueryAnswerBytes())
                    .toCompletionStage())
        .map(answer -> prometheusReading(watch, asOf, answer));
  }

  /** The query_range call: from N weeks before {@code asOf} to {@code asOf}, one point a week. */
  static String queryUrl(MetricWatch watch, Instant asOf) {
    Instant start = asOf.minusSeconds(WEEK_SECONDS * watch.getBaselineWeeks());
    return base(watch.getPrometheusUrl())
        + "/api/v1/query_range?query="
        + URLEncoder.encode(watch.getQuery(), StandardCharsets.UTF_8)
        + "&start="
        + unix(start)
        + "&end="
        + unix(asOf)
        + "&step="
        + WEEK_SECONDS;
  }

  /** Where a person sees the query: Prometheus' graph page over the last day. */
  static String graphUrl(MetricWatch watch) {
    return base(watch.getPrometheusUrl())
        + "/graph?g0.expr="
        + URLEncoder.encode(watch.getQuery(), StandardCharsets.UTF_8)
        + "&g0.tab=0&g0.range_input=1d";
  }

  private static String base(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String unix(Instant t) {
    return BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3).toPlainString();
  }

  private Reading prometheusReading(MetricWatch watch, Instant asOf, OutboundAnswer answer) {
    JsonNode json = null;
    try {
      json = answer.body().isEmpty() ? null : mapper.readTree(answer.body());
    } catch (Exception e) {
      LOG.debugf("watch %s: answer is not JSON: %s", watch.getName(), e.getMessage());
    }
    boolean prometheusJson = json != null && json.path("status").isTextual();
    if (prometheusJson && "error".equals(json.path("status").asText())) {
      String error = json.path("error").asText("");
      return Reading.blind(
          "the query failed ("
              + json.path("errorType").asText("error")
              + "): "
              + (error.length() > 200 ? error.substring(0, 200) : error));
    }
    if (!answer.result().succeeded()) {
      if (answer.result().truncated()) {
        return Reading.blind(
            "the answer is larger than " + config.metrics().maxQueryAnswerBytes() + " bytes");
      }
      return Reading.blind("the source is unreachable: " + answer.result().errorCategory());
    }
    if (!prometheusJson || !"success".equals(json.path("status").asText())) {
      return Reading.blind("the answer is not a Prometheus query API answer");
    }
    JsonNode result = json.path("data").path("result");
    if (!result.isArray()) {
      return Reading.blind("the answer is not a Prometheus query API answer");
    }
    if (result.size() > 1) {
      return Reading.blind(
          "the query returns " + result.size() + " series; aggregate it to one (e.g. sum(...))");
    }
    List<Double> values =
        new ArrayList<>(Collections.nCopies(watch.getBaselineWeeks() + 1, (Double) null));
    if (result.size() == 1) {
      long end = asOf.getEpochSecond();
      for (JsonNode point : result.get(0).path("values")) {
        double ts = point.path(0).asDouble();
        long k = Math.round((end - ts) / WEEK_SECONDS);
        if (k >= 0 && k < values.size()) {
          values.set((int) k, parse(point.path(1).asText()));
        }
      }
    }
    return reading(values, "the query returns no value for it");
  }

  private static Double parse(String v) {
    try {
      double d = Double.parseDouble(v);
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** values[0] is the value as of the instant, values[k] k weeks earlier. */
  private static Reading reading(List<Double> values, String noValue) {
    if (values.isEmpty() || values.get(0) == null) {
      return Reading.blind("no data: " + noValue);
    }
    return new Reading(values.get(0), new ArrayList<>(values.subList(1, values.size())), null);
  }

  private String lookback() {
    return config.metrics().lookback().toString().substring(2).toLowerCase();
  }
}
