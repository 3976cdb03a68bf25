package io.firebell.detection.model;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/**
 * Where a page stands: pending (to deliver), sent, acknowledged, escalated, cancelled, or failed
 * (attempts exhausted). Stored and sent as the lower-case name.
 */
public enum PageStatus {
  PENDING,
  SENT,
  ACKNOWLEDGED,
  ESCALATED,
  CANCELLED,
  FAILED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The {@code page.status} column. */
  @Converter
  public static class Column implements AttributeConverter<PageStatus, String> {
    @Override
    public String convertToDatabaseColumn(PageStatus status) {
      return status == null ? null : status.wire();
    }

    @Override
    public PageStatus convertToEntityAttribute(String value) {
      return value == null ? null : PageStatus.valueOf(value.toUpperCase(Locale.ROOT));
    }
  }
}
