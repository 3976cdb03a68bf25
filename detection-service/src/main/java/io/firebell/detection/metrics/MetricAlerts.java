package io.firebell.detection.metrics;

import io.firebell.contracts.detection.AlertReceived;
import io.firebell.detection.ingest.Normalizer;
import io.firebell.detection.model.AlertStatus;
import io.firebell.detection.model.MetricWatch;
import io.firebell.detection.model.MetricWatch.AlertKind;
import io.firebell.detection.model.MetricWatch.Assessment;
import io.firebell.detection.model.MetricWatch.Change;
import io.firebell.detection.model.MetricWatch.Rule;
import io.firebell.detection.routing.RouteCache;
import io.firebell.detection.routing.Severity;
import io.firebell.detection.routing.SignalKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A watch's alerts as the rest of detection sees any alert: an {@code alert.received} for the
 * grouping consumer, routed by the routing table like every other alert (grouping, paging and
 * auto-declare are the route's), with the signal kind {@code business} (incident-service records
 * the detection method {@code business_metric}) and the watch's domain. A rule's alert carries the
 * observed value, the baseline and a link to the query; the blind alert says why the source could
 * not be read.
 */
@ApplicationScoped
public class MetricAlerts {

  /** The alert name of every watch's blind alert (one group for a source many watches share). */
  public static final String BLIND_ALERTNAME = "MetricWatchBlind";

  public static final String SOURCE_KIND = "business_metric";

  private final Normalizer normalizer;
  private final RouteCache routes;

  public MetricAlerts(Normalizer normalizer, RouteCache routes) {
    this.normalizer = normalizer;
    this.routes = routes;
  }

  /** The alerts to append for the changes of one evaluation. */
  public List<AlertReceived> of(
      MetricWatch w, Assessment a, Double observed, String queryLink, Instant asOf, Instant now) {
    return a.changes().stream().map(c -> alert(w, c, a, observed, queryLink, asOf, now)).toList();
  }

  AlertReceived alert(
      MetricWatch w,
      Change change,
      Assessment a,
      Double observed,
      String queryLink,
      Instant asOf,
      Instant now) {
    boolean blind = change.alert() == AlertKind.BLIND;
    Severity severity = blind ? Severity.WARNING : Severity.fromWire(w.getSeverity());
    Map<String, String> labels = new TreeMap<>();
    labels.put("alertname", blind ? BLIND_ALERTNAME : w.getName());
    labels.put("watch", w.getName());
    labels.put("metric", w.getMetric());
    labels.put("domain", w.getDomain());
    labels.put("service", w.getService());
    labels.put("rule", change.alert().wire());
    labels.put("signal_kind", SignalKind.BUSINESS);
    labels.put("severity", severity.wire());
    Map<String, String> annotations = new LinkedHashMap<>();
    String summary = summary(w, change, a, observed);
    annotations.put("summary", summary);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("watchId", w.getId().toString());
    details.put("watch", w.getName());
    details.put("metric", w.getMetric());
    details.put("rule", change.alert().wire());
    details.put("source", w.getSource());
    details.put("asOf", asOf.toString());
    if (blind) {
      annotations.put("description", "The watch cannot read its metric: " + w.getBlindReason());
      details.put("reason", w.getBlindReason());
    } else {
      Rule rule = w.rule(change.alert());
      putNumber(annotations, details, "observed", observed);
      putNumber(annotations, details, "baseline", a.baseline());
      putNumber(annotations, details, "ratioPercent", a.ratioPercent());
      if (rule != null) {
        details.put("thresholdPercent", rule.percent());
        details.put("consecutive", rule.consecutive());
      }
      details.put("baselineWeeks", w.getBaselineWeeks());
    }
    if (w.getQuery() != null) {
      annotations.put("query", w.getQuery());
    }
    Map<String, String> links = new LinkedHashMap<>();
    links.put("query", queryLink);
    Instant startsAt = !blind && a.since() != null && change.firing() ? a.since() : asOf;
    AlertReceived routed =
        normalizer.route(
            routes.table(),
            new Normalizer.Incoming(
                SOURCE_KIND,
                "metric-watch:" + w.getId() + ":" + change.alert().wire(),
                (change.firing() ? AlertStatus.FIRING : AlertStatus.RESOLVED).wire(),
                labels,
                annotations,
                summary,
                startsAt,
                change.firing() ? null : asOf,
                queryLink,
                links,
                details,
                severity),
            null,
            now);
    // The watch names its domain: its alerts belong there whichever route groups them, and the
    // route key carries it so that two domains' watches never share a group.
    String routeKey = w.getDomain() + routed.routeKey().substring(routed.routeKey().indexOf('/'));
    return new AlertReceived(
        routed.alertId(),
        null,
        routed.sourceKind(),
        routed.dedupKey(),
        routed.status(),
        SignalKind.BUSINESS,
        routed.severity(),
        w.getDomain(),
        routed.service(),
        null,
        routed.routeId(),
        routeKey,
        routed.labels(),
        routed.annotations(),
        routed.summary(),
        routed.startsAt(),
        routed.endsAt(),
        routed.generatorUrl(),
        routed.links(),
        routed.details(),
        now);
  }

  private static String summary(MetricWatch w, Change change, Assessment a, Double observed) {
    if (change.alert() == AlertKind.BLIND) {
      return change.firing()
          ? w.getName() + " is blind: " + w.getBlindReason()
          : w.getName() + " reads its metric again";
    }
    if (!change.firing() && a.ratioPercent() == null) {
      return w.getName() + ": the " + change.alert().wire() + " alert ends (rule or watch removed)";
    }
    Rule rule = w.rule(change.alert());
    String word = change.alert() == AlertKind.DROP ? "below" : "above";
    String head =
        w.getMetric()
            + " of "
            + w.getService()
            + " is "
            + number(observed)
            + ", "
            + number(a.ratioPercent())
            + "% of its baseline "
            + number(a.baseline());
    if (!change.firing()) {
      return head + ": back within its rules";
    }
    return head
        + " (median of the same time in the previous "
        + w.getBaselineWeeks()
        + " weeks): "
        + word
        + " "
        + number(rule == null ? null : rule.percent())
        + "% for "
        + (rule == null ? "?" : rule.consecutive())
        + " evaluations";
  }

  private static void putNumber(
      Map<String, String> annotations, Map<String, Object> details, String key, Double v) {
    if (v != null) {
      annotations.put(key, number(v));
      details.put(key, v);
    }
  }

  static String number(Double v) {
    if (v == null) {
      return "?";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString(v.longValue())
        : String.format(java.util.Locale.ROOT, "%.1f", v);
  }
}
