package io.firebell.incident.model;

import java.util.Arrays;
import java.util.List;

/** How an incident came to light; "customers found it first" is measured from these. */
public enum DetectionMethod {
  SYSTEM_ALARM,
  BUSINESS_METRIC,
  EXTERNAL_INTEGRATION,
  CS_INQUIRY,
  PARTNER_REPORT,
  EMPLOYEE,
  MANUAL;

  public String wireName() {
    return name().toLowerCase();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(DetectionMethod::wireName).toList();
  }

  public static DetectionMethod fromWire(String value) {
    return Arrays.stream(values()).filter(m -> m.wireName().equals(value)).findFirst().orElse(null);
  }

  /**
   * The detection method of a detection-service signal kind ({@code system}, {@code business},
   * {@code external_integration}, {@code cs_inquiry}); an alarm of a kind this version does not
   * know is still a system alarm.
   */
  public static DetectionMethod fromSignalKind(String kind) {
    if (kind == null) {
      return SYSTEM_ALARM;
    }
    return switch (kind) {
      case "business" -> BUSINESS_METRIC;
      case "external_integration" -> EXTERNAL_INTEGRATION;
      case "cs_inquiry" -> CS_INQUIRY;
      default -> SYSTEM_ALARM;
    };
  }
}
