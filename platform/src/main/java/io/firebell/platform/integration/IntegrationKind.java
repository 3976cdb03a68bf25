package io.firebell.platform.integration;

import java.util.Arrays;
import java.util.List;

/** What an integration is: which tool holds the token, and so which endpoints it may call. */
public enum IntegrationKind {
  /** Prometheus Alertmanager webhook. */
  ALERTMANAGER,
  /** Grafana Alerting webhook. */
  GRAFANA,
  /** Anything speaking the PagerDuty Events API v2 (alerts) or Change Events API. */
  PAGERDUTY,
  /** Datadog webhook with Firebell's payload template. */
  DATADOG,
  /** Firebell's native JSON events. */
  NATIVE,
  /** The customer-support desk posting inquiries. */
  CS_DESK,
  /** CI/CD, infrastructure and configuration tools reporting changes. */
  CHANGE_SOURCE,
  /** A job pushing business-metric samples ({@code POST /v1/metrics/{name}/samples}). */
  METRICS;

  public String wireName() {
    return name().toLowerCase();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(IntegrationKind::wireName).toList();
  }

  public static IntegrationKind fromWire(String value) {
    return Arrays.stream(values()).filter(k -> k.wireName().equals(value)).findFirst().orElse(null);
  }
}
