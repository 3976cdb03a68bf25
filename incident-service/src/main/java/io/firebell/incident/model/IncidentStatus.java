package io.firebell.incident.model;

/** The lifecycle, in Statuspage's vocabulary. */
public enum IncidentStatus {
  INVESTIGATING,
  IDENTIFIED,
  MONITORING,
  RESOLVED,
  CLOSED;

  public String wireName() {
    return name().toLowerCase();
  }
}
