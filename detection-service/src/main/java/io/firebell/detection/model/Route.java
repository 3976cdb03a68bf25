package io.firebell.detection.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A routing rule: alerts whose labels match every matcher belong to {@code domain}, are classified
 * as {@code kind}, and are grouped by the values of {@code groupBy}. Routes are tried in {@code
 * position} order; the first that matches wins; the catch-all route (no matchers) is always last.
 */
@Entity
@Table(name = "route")
public class Route {

  public static final UUID CATCH_ALL_ID = UUID.fromString("00000000-0000-0000-0000-00000000ca11");

  private static final com.fasterxml.jackson.core.type.TypeReference<List<String>> STRINGS =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};

  @Id private UUID id;
  private int position;
  private String name;

  @Column(name = "matchers")
  private String matchersJson;

  private String domain;
  private String service;
  private String kind;
  private String severity;
  private String partner;

  @Column(name = "group_by")
  private String[] groupBy;

  @Column(name = "auto_declare")
  private boolean autoDeclare;

  private boolean page;

  @Column(name = "page_min_severity")
  private String pageMinSeverity;

  @Column(name = "catch_all")
  private boolean catchAll;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  protected Route() {}

  /** The editable part of a route, already validated. */
  public record Definition(
      String name,
      List<String> matchers,
      String domain,
      String service,
      String kind,
      String severity,
      String partner,
      List<String> groupBy,
      boolean autoDeclare,
      boolean page,
      String pageMinSeverity) {}

  public static Route create(Definition d, int position, Instant now) {
    Route route = new Route();
    route.id = UUID.randomUUID();
    route.position = position;
    route.createdAt = now;
    route.apply(d, now);
    return route;
  }

  public void apply(Definition d, Instant now) {
    if (!catchAll) {
      this.name = d.name();
      this.matchersJson = Json.write(List.copyOf(d.matchers()));
    }
    this.domain = d.domain();
    this.service = d.service();
    this.kind = d.kind();
    this.severity = d.severity();
    this.partner = d.partner();
    this.groupBy = d.groupBy().toArray(String[]::new);
    this.autoDeclare = d.autoDeclare();
    this.page = d.page();
    this.pageMinSeverity = d.pageMinSeverity();
    this.updatedAt = now;
  }

  public void moveTo(int position, Instant now) {
    this.position = position;
    this.updatedAt = now;
  }

  public UUID getId() {
    return id;
  }

  public int getPosition() {
    return position;
  }

  public String getName() {
    return name;
  }

  public List<String> getMatchers() {
    return Json.read(matchersJson, STRINGS);
  }

  public String getDomain() {
    return domain;
  }

  public String getService() {
    return service;
  }

  public String getKind() {
    return kind;
  }

  public String getSeverity() {
    return severity;
  }

  public String getPartner() {
    return partner;
  }

  public List<String> getGroupBy() {
    return List.of(groupBy);
  }

  public boolean isAutoDeclare() {
    return autoDeclare;
  }

  public boolean isPage() {
    return page;
  }

  public String getPageMinSeverity() {
    return pageMinSeverity;
  }

  public boolean isCatchAll() {
    return catchAll;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
