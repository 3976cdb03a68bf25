package io.firebell.review.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The signal behind an alert group that was declared: its kind ({@code system}, {@code business},
 * {@code external_integration}, {@code cs_inquiry}) and, for external integrations, the partner.
 */
@Entity
@Table(name = "detection_signal")
public class DetectionSignal {

  @Id
  @Column(name = "alert_group_id")
  private UUID alertGroupId;

  private String kind;
  private String partner;
  private String domain;
  private String service;

  @Column(name = "requested_at")
  private Instant requestedAt;

  protected DetectionSignal() {}

  public DetectionSignal(
      UUID alertGroupId,
      String kind,
      String partner,
      String domain,
      String service,
      Instant requestedAt) {
    this.alertGroupId = alertGroupId;
    this.kind = kind;
    this.partner = partner;
    this.domain = domain;
    this.service = service;
    this.requestedAt = requestedAt;
  }

  public UUID getAlertGroupId() {
    return alertGroupId;
  }

  public String getKind() {
    return kind;
  }

  public String getPartner() {
    return partner;
  }
}
