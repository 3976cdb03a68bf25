package io.firebell.detection.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Someone who can be paged: their Firebell user id and notification webhook. */
@Entity
@Table(name = "person")
public class Person {

  @Id private String id;
  private String name;

  @Column(name = "webhook_url")
  private String webhookUrl;

  /**
   * The Standard Webhooks secret ({@code whsec_…}) pages to this person are signed with, sealed by
   * the platform's SecretBox (never plaintext at rest).
   */
  @Column(name = "webhook_secret")
  private String webhookSecret;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  protected Person() {}

  public static Person create(String id, Instant now) {
    Person p = new Person();
    p.id = id;
    p.createdAt = now;
    p.updatedAt = now;
    return p;
  }

  public void update(String name, String webhookUrl, String secret, Instant now) {
    this.name = name;
    this.webhookUrl = webhookUrl;
    if (secret != null) {
      this.webhookSecret = secret;
    }
    this.updatedAt = now;
  }

  public String getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getWebhookUrl() {
    return webhookUrl;
  }

  public String getWebhookSecret() {
    return webhookSecret;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
