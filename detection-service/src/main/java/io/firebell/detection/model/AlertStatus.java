package io.firebell.detection.model;

import jakarta.persistence.Converter;

/**
 * Where one alert stands, as the sources say it: firing or resolved; acknowledged only arrives (a
 * PagerDuty {@code acknowledge} event) and is never stored on the alert. Sent and stored as the
 * lower-case name.
 */
public enum AlertStatus {
  FIRING,
  RESOLVED,
  ACKNOWLEDGED;

  /**
   * What the tools' webhooks may say of an alert (firing or resolved), for their {@code @Pattern}
   * checks: an annotation takes only a constant, so this names the two wire values once, here.
   */
  public static final String FIRING_OR_RESOLVED = "firing|resolved";

  public String wire() {
    return LowerCaseColumn.wire(this);
  }

  /** The status of this lower-case name, or null when there is none. */
  public static AlertStatus fromWire(String value) {
    return LowerCaseColumn.fromWire(AlertStatus.class, value);
  }

  /** The {@code alert.status} column. */
  @Converter
  public static class Column extends LowerCaseColumn<AlertStatus> {
    public Column() {
      super(AlertStatus.class);
    }
  }
}
