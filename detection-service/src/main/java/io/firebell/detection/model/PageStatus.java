package io.firebell.detection.model;

import jakarta.persistence.Converter;

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
    return LowerCaseColumn.wire(this);
  }

  /** The {@code page.status} column. */
  @Converter
  public static class Column extends LowerCaseColumn<PageStatus> {
    public Column() {
      super(PageStatus.class);
    }
  }
}
