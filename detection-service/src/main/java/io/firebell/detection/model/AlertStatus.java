package io.firebell.detection.model;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/**
 * Where one alert stands, as the sources say it: firing or resolved; acknowledged only arrives (a
 * PagerDuty {@code acknowledge} event) and is never stored on the alert. Sent and stored as the
 * lower-case name.
 */
public enum AlertStatus {
  FIRING,
  RESOLVED,
  ACKNOWLEDGED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status of this lower-case name, or null when there is none. */
  public static AlertStatus fromWire(String value) {
    for (AlertStatus s : values()) {
      if (s.wire().equals(value)) {
        return s;
      }
    }
    return null;
  }

  /** The {@code alert.status} column. */
  @Converter
  public static class Column implements AttributeConverter<AlertStatus, String> {
    @Override
    public String convertToDatabaseColumn(AlertStatus status) {
      return status == null ? null : status.wire();
    }

    @Override
    public AlertStatus convertToEntityAttribute(String value) {
      return value == null ? null : AlertStatus.valueOf(value.toUpperCase(Locale.ROOT));
    }
  }
}
