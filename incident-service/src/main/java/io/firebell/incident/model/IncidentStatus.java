package io.firebell.incident.model;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The lifecycle, in Statuspage's vocabulary. While the incident is active a responder may move
 * freely among investigating, identified and monitoring (a fix that does not hold sends it back),
 * and may resolve from any of them; closing comes only after resolving. Resolved and closed are
 * final: a recurrence is a new incident, so that review-service can flag it as one.
 */
public enum IncidentStatus {
  INVESTIGATING,
  IDENTIFIED,
  MONITORING,
  RESOLVED,
  CLOSED;

  public String wireName() {
    return name().toLowerCase();
  }

  public static IncidentStatus fromWire(String value) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst().orElse(null);
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(IncidentStatus::wireName).toList();
  }

  public boolean isActive() {
    return this == INVESTIGATING || this == IDENTIFIED || this == MONITORING;
  }

  /** The statuses this one may move to. */
  public Set<IncidentStatus> next() {
    return switch (this) {
      case INVESTIGATING -> EnumSet.of(IDENTIFIED, MONITORING, RESOLVED);
      case IDENTIFIED -> EnumSet.of(INVESTIGATING, MONITORING, RESOLVED);
      case MONITORING -> EnumSet.of(INVESTIGATING, IDENTIFIED, RESOLVED);
      case RESOLVED -> EnumSet.of(CLOSED);
      case CLOSED -> EnumSet.noneOf(IncidentStatus.class);
    };
  }

  public boolean canMoveTo(IncidentStatus to) {
    return next().contains(to);
  }

  /**
   * The request fields a move to this status needs besides {@code to}: resolving names how service
   * was restored ({@link Incident#transition} refuses it otherwise).
   */
  public List<String> requires() {
    return this == RESOLVED ? List.of("recoveryMethod") : List.of();
  }
}
