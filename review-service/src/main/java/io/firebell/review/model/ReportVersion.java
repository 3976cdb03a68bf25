package io.firebell.review.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A published version of a report, frozen as the JSON it had when published. */
@Entity
@Table(name = "report_version")
public class ReportVersion {

  @Id private UUID id;

  @Column(name = "incident_id")
  private UUID incidentId;

  private int version;

  @Column(columnDefinition = "text")
  private String snapshot;

  @Column(name = "published_at")
  private Instant publishedAt;

  @Column(name = "published_by")
  private String publishedBy;

  protected ReportVersion() {}

  public ReportVersion(
      UUID incidentId, int version, String snapshot, Instant publishedAt, String publishedBy) {
    this.id = UUID.randomUUID();
    this.incidentId = incidentId;
    this.version = version;
    this.snapshot = snapshot;
    this.publishedAt = publishedAt;
    this.publishedBy = publishedBy;
  }

  public int getVersion() {
    return version;
  }

  public String getSnapshot() {
    return snapshot;
  }

  public Instant getPublishedAt() {
    return publishedAt;
  }

  public String getPublishedBy() {
    return publishedBy;
  }
}
