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
}
