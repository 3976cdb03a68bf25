package io.firebell.detection.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.contracts.detection.AlertReceived;
import io.firebell.detection.model.AlertStatus;
import io.firebell.detection.routing.RouteCache;
import io.firebell.detection.routing.RouteTable;
import io.firebell.detection.routing.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns what each tool sends into {@link AlertReceived} records: the same labels, annotations and
 * links whatever the source, a dedup key stable across re-sends, a normalized severity, and the
 * routing decision (domain, service, kind, route key) taken from the in-memory routing table.
 */
@ApplicationScoped
public class Normalizer {

  private static final Pattern DATADOG_TITLE_PREFIX = Pattern.compile("^\\[[^\\]]*\\]\\s*");

  private final RouteCache routes;

  public Normalizer(RouteCache routes) {
    this.routes = routes;
  }

  /** A normalized alert before routing. */
  public record Incoming(
      String sourceKind,
      String dedupKey,
      String status,
      Map<String, String> labels,
      Map<String, String> annotations,
      String summary,
      Instant startsAt,
      Instant endsAt,
      String generatorUrl,
      Map<String, String> links,
      Map<String, Object> details,
      Severity sourceSeverity) {}

  /** Alertmanager v4 and Grafana v1 webhooks: one alert per element of {@code alerts}. */
  public List<AlertReceived> webhook(
      WebhookPayload payload, String sourceKind, UUID integrationId, Instant now) {
    RouteTable table = routes.table();
    List<AlertReceived> out = new ArrayList<>(payload.alerts().size());
    for (WebhookPayload.Alert a : payload.alerts()) {
      Map<String, String> labels = a.labels();
      Map<String, String> annotations = new LinkedHashMap<>();
      if (payload.commonAnnotations() != null) {
        annotations.putAll(payload.commonAnnotations());
      }
      if (a.annotations() != null) {
        annotations.putAll(a.annotations());
      }
      Map<String, String> links = new LinkedHashMap<>();
      putIfPresent(links, "runbook", annotations.get("runbook_url"));
      putIfPresent(links, "dashboard", a.dashboardUrl());
      putIfPresent(links, "panel", a.panelUrl());
      putIfPresent(links, "silence", a.silenceUrl());
      putIfPresent(links, "image", a.imageUrl());
      if (!links.containsKey("dashboard")) {
        putIfPresent(links, "dashboard", annotations.get("dashboard_url"));
      }
      Map<String, Object> details = new LinkedHashMap<>();
      putIfPresent(details, "groupKey", payload.groupKey());
      putIfPresent(details, "receiver", payload.receiver());
      putIfPresent(details, "externalURL", payload.externalUrl());
      details.put(
          "truncatedAlerts", payload.truncatedAlerts() == null ? 0 : payload.truncatedAlerts());
      putIfPresent(details, "orgId", payload.orgId());
      putIfPresent(details, "title", payload.title());
      putIfPresent(details, "state", payload.state());
      if (a.values() != null && !a.values().isEmpty()) {
        details.put("values", a.values());
      }
      putIfPresent(details, "valueString", a.valueString());
      String fingerprint =
          a.fingerprint() == null || a.fingerprint().isBlank()
              ? fingerprint(labels)
              : a.fingerprint();
      boolean firing = AlertStatus.fromWire(a.status()) == AlertStatus.FIRING;
      out.add(
          route(
              table,
              new Incoming(
                  sourceKind,
                  fingerprint,
                  a.status(),
                  labels,
                  annotations,
                  summary(annotations, labels),
                  a.startsAt().toInstant(),
                  firing ? null : instant(a.endsAt()),
                  blankToNull(a.generatorUrl()),
                  links,
                  details,
                  Severity.parse(labels.get("severity"))),
              integrationId,
              now));
    }
    return out;
  }

  public AlertReceived nativeEvent(NativeEvent e, UUID integrationId, Instant now) {
    Map<String, String> labels = new TreeMap<>(e.labels() == null ? Map.of() : e.labels());
    labels.putIfAbsent("alertname", e.title());
    Map<String, String> annotations =
        new LinkedHashMap<>(e.annotations() == null ? Map.of() : e.annotations());
    annotations.putIfAbsent("summary", e.title());
    if (e.description() != null) {
      annotations.putIfAbsent("description", e.description());
    }
    String status = e.status() == null ? AlertStatus.FIRING.wire() : e.status();
    Severity severity = Severity.parse(e.severity());
    if (severity == null) {
      severity = Severity.parse(labels.get("severity"));
    }
    return route(
        routes.table(),
        new Incoming(
            "native",
            e.id(),
            status,
            labels,
            annotations,
            e.title(),
            e.startsAt() == null ? now : e.startsAt().toInstant(),
            AlertStatus.fromWire(status) == AlertStatus.RESOLVED
                ? (e.endsAt() == null ? now : e.endsAt().toInstant())
                : null,
            blankToNull(e.sourceUrl()),
            e.links() == null ? Map.of() : e.links(),
            Map.of(),
            severity),
        integrationId,
        now);
  }

  public AlertReceived datadog(DatadogWebhook d, UUID integrationId, Instant now) {
    Map<String, String> labels = new TreeMap<>();
    if (d.tags() != null) {
      for (String tag : d.tags().split(",")) {
        String t = tag.trim();
        if (t.isEmpty()) {
          continue;
        }
        int colon = t.indexOf(':');
        if (colon > 0) {
          labels.put(sanitize(t.substring(0, colon)), t.substring(colon + 1));
        } else {
          labels.put(sanitize(t), "");
        }
      }
    }
    String name = DATADOG_TITLE_PREFIX.matcher(d.title()).replaceFirst("");
    labels.put("alertname", name);
    putIfPresent(labels, "monitor_id", d.alertId());
    putIfPresent(labels, "host", blankToNull(d.hostname()));
    String transition = d.alertTransition().toLowerCase();
    boolean resolved =
        transition.startsWith("recovered")
            || "success".equalsIgnoreCase(d.alertType())
            || "ok".equalsIgnoreCase(d.alertStatus());
    Severity severity = Severity.parse(d.alertPriority());
    if (severity == null) {
      severity = transition.contains("warn") ? Severity.WARNING : Severity.parse(d.alertType());
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("summary", name);
    putIfPresent(annotations, "description", blankToNull(d.body()));
    Map<String, Object> details = new LinkedHashMap<>();
    putIfPresent(details, "eventId", d.id());
    details.put("alertTransition", d.alertTransition());
    putIfPresent(details, "alertType", d.alertType());
    putIfPresent(details, "alertMetric", d.alertMetric());
    putIfPresent(details, "alertQuery", d.alertQuery());
    putIfPresent(details, "alertScope", d.alertScope());
    putIfPresent(details, "orgId", d.orgId());
    putIfPresent(details, "orgName", d.orgName());
    Instant started = epochMillis(d.date(), "date", now);
    Instant updated = epochMillis(d.lastUpdated(), "last_updated", now);
    Map<String, String> links = new LinkedHashMap<>();
    putIfPresent(links, "monitor", blankToNull(d.link()));
    return route(
        routes.table(),
        new Incoming(
            "datadog",
            d.alertCycleKey(),
            (resolved ? AlertStatus.RESOLVED : AlertStatus.FIRING).wire(),
            labels,
            annotations,
            name,
            started,
            resolved ? updated : null,
            blankToNull(d.link()),
            links,
            details,
            severity),
        integrationId,
        now);
  }

  public AlertReceived pagerDuty(PagerDutyEvent e, UUID integrationId, Instant now) {
    return route(routes.table(), e.toIncoming(now), integrationId, now);
  }

  /** Routes a normalized alert and stamps it with its id and receive time. */
  public AlertReceived route(RouteTable table, Incoming in, UUID integrationId, Instant now) {
    RouteTable.Decision d = table.route(in.labels(), in.sourceSeverity());
    return new AlertReceived(
        UUID.randomUUID(),
        integrationId,
        in.sourceKind(),
        in.dedupKey(),
        in.status(),
        d.kind(),
        d.severity().wire(),
        d.domain(),
        d.service(),
        d.partner(),
        d.routeId(),
        d.routeKey(),
        in.labels(),
        in.annotations(),
        in.summary(),
        in.startsAt(),
        in.endsAt(),
        in.generatorUrl(),
        in.links(),
        in.details(),
        now);
  }

  /** Alertmanager's fingerprint is a hash of the label set; older senders omit it. */
  static String fingerprint(Map<String, String> labels) {
    StringBuilder s = new StringBuilder();
    new TreeMap<>(labels)
        .forEach((k, v) -> s.append(k).append('\u00ff').append(v).append('\u00ff'));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String summary(Map<String, String> annotations, Map<String, String> labels) {
    for (String key : List.of("summary", "description", "message")) {
      String v = blankToNull(annotations.get(key));
      if (v != null) {
        return v.length() > 500 ? v.substring(0, 500) : v;
      }
    }
    return labels.getOrDefault("alertname", "alert");
  }

  static Instant instant(OffsetDateTime t) {
    // Alertmanager sends 0001-01-01T00:00:00Z for "no end time".
    return t == null || t.getYear() <= 1 ? null : t.toInstant();
  }

  private static Instant epochMillis(String value, String field, Instant fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      long n = Long.parseLong(value.trim());
      // Datadog's $DATE is in milliseconds; accept seconds too.
      return n < 100_000_000_000L ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
    } catch (NumberFormatException e) {
      throw io.firebell.platform.problem.ProblemException.invalid(
          field, "must be epoch milliseconds (Datadog's $DATE / $LAST_UPDATED)");
    }
  }

  private static String sanitize(String label) {
    String s = label.replaceAll("[^a-zA-Z0-9_]", "_");
    return Character.isDigit(s.charAt(0)) ? "_" + s : s;
  }

  private static <V> void putIfPresent(Map<String, V> map, String key, V value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  static Map<String, Object> jsonDetails(JsonNode node) {
    Map<String, Object> m = new HashMap<>();
    if (node != null && !node.isNull()) {
      m.put("custom_details", node);
    }
    return m;
  }
}
