package io.firebell.detection.model;

import io.firebell.contracts.detection.AlertReceived;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One distinct alert of a group: the same source alert (fingerprint, dedup_key, cycle key) re-sent
 * any number of times is this one row, with a receive count.
 */
@Entity
@Table(name = "alert")
public class Alert {

  @Id private UUID id;

  @Column(name = "alert_group_id")
  private UUID alertGroupId;

  @Column(name = "dedup_key")
  private String dedupKey;

  @Column(name = "integration_id")
  private UUID integrationId;

  @Column(name = "source_kind")
  private String sourceKind;

  private String status;
  private String severity;
  private String summary;

  @JdbcTypeCode(SqlTypes.JSON)
  private Map<String, String> labels;

  @JdbcTypeCode(SqlTypes.JSON)
  private Map<String, String> annotations;

  @JdbcTypeCode(SqlTypes.JSON)
  private Map<String, String> links;

  @JdbcTypeCode(SqlTypes.JSON)
  private Map<String, Object> details;

  @Column(name = "generator_url")
  private String generatorUrl;

  @Column(name = "starts_at")
  private Instant startsAt;

  @Column(name = "ends_at")
  private Instant endsAt;

  @Column(name = "first_received_at")
  private Instant firstReceivedAt;

  @Column(name = "last_received_at")
  private Instant lastReceivedAt;

  @Column(name = "receive_count")
  private int receiveCount;

  protected Alert() {}

  public static Alert first(UUID groupId, AlertReceived a) {
    Alert alert = new Alert();
    alert.id = a.alertId();
    alert.alertGroupId = groupId;
    alert.dedupKey = a.dedupKey();
    alert.integrationId = a.integrationId();
    alert.sourceKind = a.sourceKind();
    alert.firstReceivedAt = a.receivedAt();
    alert.receiveCount = 0;
    alert.status = "firing";
    alert.update(a);
    return alert;
  }

  /**
   * Applies a re-send or a status change; returns the previous status. An older copy (received
   * before the last one) changes nothing but the count.
   */
  public String update(AlertReceived a) {
    String previous = status;
    receiveCount++;
    if (lastReceivedAt != null && a.receivedAt().isBefore(lastReceivedAt)) {
      return previous;
    }
    lastReceivedAt = a.receivedAt();
    if ("acknowledged".equals(a.status())) {
      return previous;
    }
    status = a.status();
    severity = a.severity();
    summary = a.summary();
    if (!a.labels().isEmpty()) {
      labels = a.labels();
      annotations = a.annotations();
      links = a.links();
      details = a.details();
      generatorUrl = a.generatorUrl();
    } else if (labels == null) {
      labels = Map.of();
      annotations = a.annotations();
      links = a.links();
      details = a.details();
    }
    if (startsAt == null || ("resolved".equals(previous) && "firing".equals(a.status()))) {
      startsAt = a.startsAt();
    }
    endsAt =
        "resolved".equals(a.status()) ? (a.endsAt() != null ? a.endsAt() : a.receivedAt()) : null;
    return previous;
  }

  public UUID getId() {
    return id;
  }

  public UUID getAlertGroupId() {
    return alertGroupId;
  }

  public String getDedupKey() {
    return dedupKey;
  }

  public UUID getIntegrationId() {
    return integrationId;
  }

  public String getSourceKind() {
    return sourceKind;
  }

  public String getStatus() {
    return status;
  }

  public String getSeverity() {
    return severity;
  }

  public String getSummary() {
    return summary;
  }

  public Map<String, String> getLabels() {
    return labels;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public Map<String, String> getLinks() {
    return links;
  }

  public Map<String, Object> getDetails() {
    return details;
  }

  public String getGeneratorUrl() {
    return generatorUrl;
  }

  public Instant getStartsAt() {
    return startsAt;
  }

  public Instant getEndsAt() {
    return endsAt;
  }

  public Instant getFirstReceivedAt() {
    return firstReceivedAt;
  }

  public Instant getLastReceivedAt() {
    return lastReceivedAt;
  }

  public int getReceiveCount() {
    return receiveCount;
  }
}
