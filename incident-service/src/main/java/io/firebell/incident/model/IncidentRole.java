package io.firebell.incident.model;

import java.util.Arrays;
import java.util.List;

/** The roles of an incident's response; one person each. */
public enum IncidentRole {
  /** Runs the response and makes the calls. */
  COMMANDER,
  /** Restores service (the engineer). */
  RECOVERY_LEAD,
  /** Tells stakeholders what they need to know (a planner, team lead or SRE). */
  COMMUNICATIONS_LEAD;

  public String wireName() {
    return name().toLowerCase();
  }

  public static IncidentRole fromWire(String value) {
    return Arrays.stream(values()).filter(r -> r.wireName().equals(value)).findFirst().orElse(null);
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(IncidentRole::wireName).toList();
  }
}
