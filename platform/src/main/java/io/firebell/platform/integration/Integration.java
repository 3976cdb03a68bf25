package io.firebell.platform.integration;

import io.firebell.platform.security.IntegrationTokens;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A monitoring tool, CI/CD system or CS desk that sends Firebell signals with its own token. */
@Entity
@Table(name = "integration")
public class Integration {

  @Id private UUID id;
  private String name;
  private String kind;

  @Column(name = "token_hash")
  private String tokenHash;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "created_by")
  private String createdBy;

  protected Integration() {}

  /** A new integration and its token, which exists in clear only in this result. */
  public record Created(Integration integration, String token) {}

  public static Created create(String name, IntegrationKind kind, String actor, Instant now) {
    String token = IntegrationTokens.generate();
    Integration integration = new Integration();
    integration.id = UUID.randomUUID();
    integration.name = name;
    integration.kind = kind.wireName();
    integration.tokenHash = IntegrationTokens.hash(token);
    integration.createdAt = now;
    integration.createdBy = actor;
    return new Created(integration, token);
  }

  public UUID getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getKind() {
    return kind;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public String getCreatedBy() {
    return createdBy;
  }
}
