package io.firebell.detection.model;

import java.util.Arrays;
import java.util.List;

/** The tools an integration token is for; each speaks its own payload format. */
public enum IntegrationKind {
  ALERTMANAGER,
  GRAFANA,
  PAGERDUTY,
  DATADOG,
  NATIVE,
  CS_DESK;

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
