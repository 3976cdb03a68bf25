package io.firebell.broadcast.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * Where messages go: a Slack incoming webhook, a Teams Workflows webhook or a generic receiver
 * signed per Standard Webhooks. The delivery engine reads and updates the circuit-breaker and 410
 * columns with SQL of its own (io.firebell.broadcast.delivery).
 *
 * <p>Public fields are part of the seam between the two halves of broadcast-service (see
 * docs/broadcast.md); the entity is never an API payload, and the secrets never leave the service
 * except once, in the create/rotate answer. The secret columns hold values sealed by the platform's
 * SecretBox (AES-256-GCM), never plaintext.
 */
@Entity
@Table(name = "endpoint")
public class Endpoint {

  public static final String SLACK = "slack";
  public static final String TEAMS = "teams";
  public static final String WEBHOOK = "webhook";

  @Id public UUID id;

  public String name;

  /** {@code slack}, {@code teams} or {@code webhook}. */
  public String kind;

  public String url;

  public boolean enabled;

  @Column(name = "disabled_reason")
  public String disabledReason;

  /**
   * Standard Webhooks secret {@code whsec_…} of a webhook endpoint, sealed (SecretBox); null for
   * slack/teams.
   */
  public String secret;

  @Column(name = "previous_secret")
  public String previousSecret;

  @Column(name = "previous_secret_expires_at")
  public Instant previousSecretExpiresAt;

  // Written only by the delivery engine's SQL (circuit breaker), never by an entity flush.
  @Column(name = "consecutive_failures", insertable = false, updatable = false)
  public int consecutiveFailures;

  @Column(name = "circuit_open_until", insertable = false, updatable = false)
  public Instant circuitOpenUntil;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;

  public Endpoint() {}

  public static Endpoint create(String name, String kind, String url, String secret, Instant now) {
    Endpoint e = new Endpoint();
    e.id = UUID.randomUUID();
    e.name = name;
    e.kind = kind;
    e.url = url;
    e.enabled = true;
    e.secret = secret;
    e.createdAt = now;
    e.updatedAt = now;
    return e;
  }

  /**
   * Replaces the (sealed) secret; the old one is still signed with until {@code graceUntil}, or
   * never again when {@code graceUntil} is null (a leaked secret revoked at once).
   */
  public void rotateSecret(String newSealedSecret, Instant graceUntil, Instant now) {
    this.previousSecret = graceUntil == null ? null : this.secret;
    this.previousSecretExpiresAt = graceUntil;
    this.secret = newSealedSecret;
    this.updatedAt = now;
  }

  public boolean isWebhook() {
    return WEBHOOK.equals(kind);
  }
}
