package io.firebell.detection.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One customer-support report: what a customer told the CS desk. */
@Entity
@Table(name = "inquiry")
public class Inquiry {

  @Id private UUID id;
  private String channel;
  private String service;
  private String category;

  @Column(name = "app_platform")
  private String appPlatform;

  @Column(name = "app_version")
  private String appVersion;

  private String text;

  @Column(name = "reported_by")
  private String reportedBy;

  @Column(name = "received_at")
  private Instant receivedAt;

  @Column(name = "cluster_id")
  private UUID clusterId;

  protected Inquiry() {}

  public static Inquiry create(
      String channel,
      String service,
      String category,
      String appPlatform,
      String appVersion,
      String text,
      String by,
      Instant now) {
    Inquiry i = new Inquiry();
    i.id = UUID.randomUUID();
    i.channel = channel;
    i.service = service;
    i.category = category;
    i.appPlatform = appPlatform;
    i.appVersion = appVersion;
    i.text = text;
    i.reportedBy = by;
    i.receivedAt = now;
    return i;
  }

  public void joinCluster(UUID cluster) {
    if (clusterId == null) {
      clusterId = cluster;
    }
  }

  public UUID getId() {
    return id;
  }

  public String getChannel() {
    return channel;
  }

  public String getService() {
    return service;
  }

  public String getCategory() {
    return category;
  }

  public String getAppPlatform() {
    return appPlatform;
  }

  public String getAppVersion() {
    return appVersion;
  }

  public String getText() {
    return text;
  }

  public String getReportedBy() {
    return reportedBy;
  }

  public Instant getReceivedAt() {
    return receivedAt;
  }

  public UUID getClusterId() {
    return clusterId;
  }
}
