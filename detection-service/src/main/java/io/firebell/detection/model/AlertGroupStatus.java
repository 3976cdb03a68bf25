package io.firebell.detection.model;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

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
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status of this lower-case name, or null when there is none. */
  public static AlertGroupStatus fromWire(String value) {
    for (AlertGroupStatus s : values()) {
      if (s.wire().equals(value)) {
        return s;
      }
    }
    return null;
  }

  /** The {@code alert_group.status} column. */
  @Converter
  public static class Column implements AttributeConverter<AlertGroupStatus, String> {
    @Override
    public String convertToDatabaseColumn(AlertGroupStatus status) {
      return status == null ? null : status.wire();
    }

    @Override
    public AlertGroupStatus convertToEntityAttribute(String value) {
      return value == null ? null : AlertGroupStatus.valueOf(value.toUpperCase(Locale.ROOT));
    }
  }
}
