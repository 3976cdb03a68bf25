package io.firebell.detection.routing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An immutable, compiled snapshot of the routing rules, evaluated in memory on the ingest path (no
 * database query per alert).
 */
public final class RouteTable {

  /** The label that names a service when a route does not. */
  public static final String SERVICE_LABEL = "service";

  /** Labels that classify a signal when a route leaves it open. */
  public static final String PARTNER_LABEL = "partner";

  private final List<Compiled> routes;

  public RouteTable(List<Compiled> routes) {
    this.routes = List.copyOf(routes);
  }

  public List<Compiled> routes() {
    return routes;
  }

  /** The route with this id, or null when this table has none. */
  public Compiled find(UUID id) {
    for (Compiled r : routes) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    return null;
  }

  /** What routing decided for one alert. */
  public record Decision(
      UUID routeId,
      String routeName,
      String routeKey,
      String domain,
      String service,
      String kind,
      Severity severity,
      String partner,
      boolean autoDeclare,
      boolean page,
      Severity pageMinSeverity) {}

  /**
   * Routes one alert. {@code sourceSeverity} is what the tool said (null when it said nothing
   * Firebell understands); a route's fixed severity overrides it.
   */
  public Decision route(Map<String, String> labels, Severity sourceSeverity) {
    for (Compiled route : routes) {
      if (route.matches(labels)) {
        return route.decide(labels, sourceSeverity);
      }
    }
    throw new IllegalStateException("no catch-all route: the routing table is not loaded");
  }

  public record Compiled(
      UUID id,
      String name,
      List<Matcher.Compiled> matchers,
      String domain,
      String service,
      String kind,
      Severity severity,
      String partner,
      List<String> groupBy,
      boolean autoDeclare,
      boolean page,
      Severity pageMinSeverity,
      boolean catchAll) {

    boolean matches(Map<String, String> labels) {
      for (Matcher.Compiled m : matchers) {
        if (!m.matches(labels)) {
          return false;
        }
      }
      return true;
    }

    Decision decide(Map<String, String> labels, Severity sourceSeverity) {
      String svc = service != null ? service : blankToNull(labels.get(SERVICE_LABEL));
      Severity sev =
          severity != null ? severity : sourceSeverity != null ? sourceSeverity : Severity.WARNING;
      String partnerName =
          SignalKind.EXTERNAL_INTEGRATION.equals(kind)
              ? (partner != null ? partner : blankToNull(labels.get(PARTNER_LABEL)))
              : null;
      return new Decision(
          id,
          name,
          routeKey(labels),
          domain,
          svc,
          kind,
          sev,
          partnerName,
          autoDeclare,
          page,
          pageMinSeverity);
    }

    /**
     * The route plus its group-by label values, e.g. {@code
     * order/order-latency:{alertname="HighLatency",service="order-api"}}. {@code ...} groups by
     * every label (as in Alertmanager); a missing label groups as the empty value.
     */
    String routeKey(Map<String, String> labels) {
      Map<String, String> values = new TreeMap<>();
      if (groupBy.contains("...")) {
        values.putAll(labels);
      } else {
        for (String label : groupBy) {
          values.put(label, labels.getOrDefault(label, ""));
        }
      }
      StringBuilder key = new StringBuilder(domain).append('/').append(name).append(":{");
      boolean first = true;
      for (Map.Entry<String, String> e : values.entrySet()) {
        if (!first) {
          key.append(',');
        }
        first = false;
        key.append(e.getKey()).append("=\"").append(e.getValue().replace("\"", "\\\"")).append('"');
      }
      return key.append('}').toString();
    }
  }

  /** The group-by labels and values a route key carries (the inverse of the key's braces). */
  public static Map<String, String> groupLabels(String routeKey) {
    Map<String, String> labels = new TreeMap<>();
    int open = routeKey.indexOf(":{");
    if (open < 0 || !routeKey.endsWith("}")) {
      return labels;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")
            .matcher(routeKey.substring(open + 2, routeKey.length() - 1));
    while (m.find()) {
      labels.put(m.group(1), m.group(2).replace("\\\"", "\""));
    }
    return labels;
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
