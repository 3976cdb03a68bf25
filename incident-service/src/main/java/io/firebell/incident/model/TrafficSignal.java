package io.firebell.incident.model;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Whether the detection signal an incident was declared from reads as a traffic surge: the first
 * question of the recovery playbook (a surge is met by scaling out, before anything is rolled
 * back).
 */
public final class TrafficSignal {

  /** The label a monitoring rule sets to say what it watches; {@code traffic_surge} says it all. */
  public static final String LABEL = "firebell_signal";

  private static final Pattern WORDS =
      Pattern.compile(
          "(?i)\\b(traffic|surge|request rate|requests per (second|minute)|rps|qps|"
              + "load spike|spike in (requests|traffic|orders))\\b");

  private static final Pattern CAMEL_HUMP =
      Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");

  private TrafficSignal() {}

  /**
   * @param kind the detection signal kind ({@code system}, {@code business}, …)
   * @param labels the alert group's labels
   * @param summary the signal's one-line summary, or null
   * @return why it reads as a traffic surge, or null when it does not
   */
  public static String of(String kind, Map<String, String> labels, String summary) {
    String marked = labels.get(LABEL);
    if (marked != null && (marked.equals("traffic_surge") || marked.equals("traffic"))) {
      return "label " + LABEL + "=" + marked;
    }
    if ("business".equals(kind) && "spike".equals(labels.get("rule"))) {
      return "business-metric spike"
          + (labels.get("metric") == null ? "" : " of " + labels.get("metric"));
    }
    String alertname = labels.get("alertname");
    if (alertname != null && WORDS.matcher(words(alertname)).find()) {
      return "alert " + alertname;
    }
    if (summary != null && WORDS.matcher(summary).find()) {
      return "signal: " + summary;
    }
    return null;
  }

  /**
   * An alert name as words: Prometheus names are CamelCase ({@code OrderApiTrafficSurge}), others
   * snake or kebab case ({@code order_api_traffic_high}).
   */
  private static String words(String alertname) {
    return CAMEL_HUMP.matcher(alertname).replaceAll(" ").replaceAll("[_\\-.]", " ");
  }
}
