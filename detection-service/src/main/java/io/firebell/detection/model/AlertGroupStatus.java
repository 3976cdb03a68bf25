package io.firebell.detection.model;

import jakarta.persistence.Converter;

/**
 * Where an alert group stands: open, acknowledged or dismissed by triage, resolved when every alert
 * resolved. Stored and sent as the lower-case name.
 */
public enum AlertGroupStatus {
  OPEN,
  ACKNOWLEDGED,
  DISMISSED,
  RESOLVED;

  public String wire() {
    return LowerCaseColumn.wire(this);
  }

  /** The status of this lower-case name, or null when there is none. */
  public static AlertGroupStatus fromWire(String value) {
    return LowerCaseColumn.fromWire(AlertGroupStatus.class, value);
  }

  /** The {@code alert_group.status} column. */
  @Converter
  public static class Column extends LowerCaseColumn<AlertGroupStatus> {
    public Column() {
      super(AlertGroupStatus.class);
    }
  }
}
