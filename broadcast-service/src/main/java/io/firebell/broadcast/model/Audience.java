package io.firebell.broadcast.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * A group of stakeholders Firebell talks to. Internal audiences hear the fire alarm; external ones
 * only get structured updates, and only with all three of status, expected recovery and follow-up
 * actions. The register decides the language: engineering (services, severity, war room) or service
 * (orders, payments, deliveries; no system terms).
 */
@Entity
@Table(name = "audience")
public class Audience {

  public static final String INTERNAL = "internal";
  public static final String EXTERNAL = "external";
  public static final List<String> SCOPES = List.of(INTERNAL, EXTERNAL);
  public static final String ENGINEERING = "engineering";
  public static final String SERVICE = "service";
  public static final List<String> REGISTERS = List.of(ENGINEERING, SERVICE);

  /** The audience that reports are shared with. */
  public static final String DEV_ORG = "dev_org";

  @Id private String key;

  private String name;
  private String scope;
  private String register;
  private String description;

  @Column(name = "update_template")
  private String updateTemplate;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  protected Audience() {}

  public Audience(
      String key,
      String name,
      String scope,
      String register,
      String description,
      String updateTemplate,
      Instant now) {
    this.key = key;
    this.createdAt = now;
    change(name, scope, register, description, updateTemplate, now);
  }

  public void change(
      String name,
      String scope,
      String register,
      String description,
      String updateTemplate,
      Instant now) {
    this.name = name;
    this.scope = scope;
    this.register = register;
    this.description = description;
    this.updateTemplate = updateTemplate;
    this.updatedAt = now;
  }

  /**
   * This audience's own words for stakeholder updates (a Qute template over {@code u}, an {@link
   * io.firebell.broadcast.service.UpdateView}), or null to use its register's template.
   */
  public String updateTemplate() {
    return updateTemplate;
  }

  public boolean external() {
    return EXTERNAL.equals(scope);
  }

  public String key() {
    return key;
  }

  public String name() {
    return name;
  }

  public String scope() {
    return scope;
  }

  public String register() {
    return register;
  }

  public String description() {
    return description;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
