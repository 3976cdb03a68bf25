package io.firebell.broadcast.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A published review report, shared with the development organisation's endpoints. */
@Entity
@Table(name = "report_share")
public class ReportShare {

  @Id private UUID id;

  @Column(name = "incident_id")
  private UUID incidentId;

  private int version;
  private String title;
  private String url;
  private int recipients;

  @Column(name = "shared_at")
  private Instant sharedAt;

  protected ReportShare() {}

  public ReportShare(
      UUID id,
      UUID incidentId,
      int version,
      String title,
      String url,
      int recipients,
      Instant sharedAt) {
    this.id = id;
    this.incidentId = incidentId;
    this.version = version;
    this.title = title;
    this.url = url;
    this.recipients = recipients;
    this.sharedAt = sharedAt;
  }

  public UUID id() {
    return id;
  }

  public int recipients() {
    return recipients;
  }
}
