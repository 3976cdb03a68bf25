package io.firebell.review.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A reviewer's correction of a fact the events got wrong, kept with who, when and why. */
@Entity
@Table(name = "report_correction")
public class ReportCorrection {

  @Id private UUID id;

  @Column(name = "incident_id")
  private UUID incidentId;

  private String field;
  private String value;
  private String reason;

  @Column(name = "corrected_by")
  private String correctedBy;

  @Column(name = "corrected_at")
  private Instant correctedAt;

  protected ReportCorrection() {}

  public ReportCorrection(
      UUID incidentId,
      String field,
      String value,
      String reason,
      String correctedBy,
      Instant correctedAt) {
    this.id = UUID.randomUUID();
    this.incidentId = incidentId;
    this.field = field;
    this.value = value;
    this.reason = reason;
    this.correctedBy = correctedBy;
    this.correctedAt = correctedAt;
  }

  public UUID getIncidentId() {
    return incidentId;
  }

  public String getField() {
    return field;
  }

  public String getValue() {
    return value;
  }

  public String getReason() {
    return reason;
  }

  public String getCorrectedBy() {
    return correctedBy;
  }

  public Instant getCorrectedAt() {
    return correctedAt;
  }
}
