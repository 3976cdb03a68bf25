package io.firebell.detection.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A domain (order, review, payment…): owns its alerts and pages its own on-call. */
@Entity
@Table(name = "domain")
public class Domain {

  @Id private String name;
  private String description;

  @Column(name = "escalation_policy_id")
  private UUID escalationPolicyId;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  protected Domain() {}

  public static Domain create(String name, String description, UUID policy, Instant now) {
    Domain d = new Domain();
    d.name = name;
    d.createdAt = now;
    d.update(description, policy, now);
    return d;
  }

  public void update(String description, UUID policy, Instant now) {
    this.description = description;
    this.escalationPolicyId = policy;
    this.updatedAt = now;
  }

  public String getName() {
    return name;
  }

  public String getDescription() {
    return description;
  }

  public UUID getEscalationPolicyId() {
    return escalationPolicyId;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
