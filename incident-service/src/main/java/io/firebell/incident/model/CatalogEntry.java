package io.firebell.incident.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A service of the catalog: its domain, owners and the services it depends on. */
@Entity
@Table(name = "catalog_service")
public class CatalogEntry {

  @Id private String name;
  private String domain;
  private String[] owners;
  private String[] dependencies;
  private String description;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Column(name = "updated_by")
  private String updatedBy;

  protected CatalogEntry() {}

  public CatalogEntry(String name) {
    this.name = name;
  }

  /** Replaces what the catalog says about the service. */
  public void describe(
      String domain,
      List<String> owners,
      List<String> dependencies,
      String description,
      String actor,
      Instant now) {
    this.domain = domain;
    this.owners = owners.toArray(String[]::new);
    this.dependencies = dependencies.toArray(String[]::new);
    this.description = description;
    this.updatedBy = actor;
    this.updatedAt = now;
  }

  public String getName() {
    return name;
  }

  public String getDomain() {
    return domain;
  }

  public List<String> getOwners() {
    return Arrays.asList(owners.clone());
  }

  public List<String> getDependencies() {
    return Arrays.asList(dependencies.clone());
  }

  public String getDescription() {
    return description;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public String getUpdatedBy() {
    return updatedBy;
  }
}
