package io.firebell.detection.model;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One distinct alert of a group, as the API reads it: the same source alert (fingerprint,
 * dedup_key, cycle key) re-sent any number of times is this one row, with a receive count. The
 * grouping consumer writes these rows in bulk through {@link AlertRow}.
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

  @Convert(converter = AlertStatus.Column.class)
  private AlertStatus status;

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

  @Column(name = "content_hash")
  private Long contentHash;

  protected Alert() {}

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

  public AlertStatus getStatus() {
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
