package io.firebell.incident.model;

import io.firebell.contracts.FirebellEvent;
import io.firebell.contracts.incident.IncidentClosed;
import io.firebell.contracts.incident.IncidentDeclared;
import io.firebell.contracts.incident.IncidentResolved;
import io.firebell.contracts.incident.IncidentRoleAssigned;
import io.firebell.contracts.incident.IncidentStatusChanged;
import io.firebell.contracts.incident.IncidentUpdated;
import io.firebell.platform.db.JsonRow;
import io.firebell.platform.json.Patch;
import io.firebell.platform.problem.ProblemException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** An incident. Domain methods change it and return the events the change causes. */
@Entity
@Table(name = "incident")
public class Incident {

  @Id private UUID id;
  private String reference;
  private String title;
  private String summary;
  private String severity;
  private String status;
  private String[] services;
  private String[] domains;

  @Column(name = "impact_scope")
  private String impactScope;

  @Column(name = "war_room_url")
  private String warRoomUrl;

  @Column(name = "detection_method")
  private String detectionMethod;

  @Column(name = "occurred_at")
  private Instant occurredAt;

  @Column(name = "detected_at")
  private Instant detectedAt;

  @Column(name = "declared_at")
  private Instant declaredAt;

  @Column(name = "declared_by")
  private String declaredBy;

  @Column(name = "alert_group_id")
  private UUID alertGroupId;

  @Column(name = "stakeholder_groups")
  private String[] stakeholderGroups;

  @Column(name = "customer_impact")
  private String customerImpact;

  private String location;

  @Column(name = "acknowledged_at")
  private Instant acknowledgedAt;

  @Column(name = "mitigated_at")
  private Instant mitigatedAt;

  @Column(name = "resolved_at")
  private Instant resolvedAt;

  @Column(name = "closed_at")
  private Instant closedAt;

  @Column(name = "recovery_method")
  private String recoveryMethod;

  private String commander;

  @Column(name = "recovery_lead")
  private String recoveryLead;

  @Column(name = "communications_lead")
  private String communicationsLead;

  @Column(name = "updated_at")
  private Instant updatedAt;

  private String partner;

  @Column(name = "traffic_surge")
  private Boolean trafficSurge;

  @Column(name = "traffic_signal")
  private String trafficSignal;

  @Version private long version;

  /** A partner key: lower-case letters, digits, dot, underscore and hyphen, up to 100. */
  public static final Pattern PARTNER = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,99}$");

  private static final Set<String> PARTNER_METHODS =
      Set.of(
          DetectionMethod.PARTNER_REPORT.wireName(),
          DetectionMethod.EXTERNAL_INTEGRATION.wireName());

  protected Incident() {}

  /**
   * The partner as given by a person, checked: a partner report names its partner; an external
   * integration may; no other kind of incident has one.
   *
   * @throws ProblemException 400 naming {@code partner}
   */
  public static String checkedPartner(String detectionMethod, String partner) {
    if (partner != null && !PARTNER.matcher(partner).matches()) {
      throw ProblemException.invalid(
          "partner",
          "must be a partner key: lower-case letters, digits, '.', '_' and '-', up to 100"
              + " characters, e.g. pg-kcp");
    }
    if (partner == null && DetectionMethod.PARTNER_REPORT.wireName().equals(detectionMethod)) {
      throw ProblemException.invalid(
          "partner", "a partner report names the partner that reported it (partner)");
    }
    if (partner != null && !PARTNER_METHODS.contains(detectionMethod)) {
      throw ProblemException.invalid(
          "partner",
          "only a partner_report or external_integration incident concerns a partner; this one is "
              + detectionMethod);
    }
    return partner;
  }

  /** The partner a detection signal carried, as a key, or null when it cannot be one. */
  public static String partnerOrNull(String raw) {
    if (raw == null) {
      return null;
    }
    String key = raw.strip().toLowerCase(Locale.ROOT);
    return PARTNER.matcher(key).matches() ? key : null;
  }

  /** Result of a declaration: the new incident and the fire alarm it raises. */
  public record Declared(Incident incident, IncidentDeclared event) {}

  /**
   * Declares an incident. The clock reading is the declaration time; detection defaults to it when
   * the declarer does not know better, and occurrence stays unknown until someone says so.
   */
  public static Declared declare(
      UUID id, String reference, Declaration d, String actor, Instant now) {
    Incident incident = new Incident();
    incident.id = id;
    incident.reference = reference;
    incident.title = d.title().strip();
    incident.summary = d.summary();
    incident.severity = d.severity();
    incident.status = IncidentStatus.INVESTIGATING.wireName();
    incident.services = d.services().toArray(String[]::new);
    incident.domains = d.domains().toArray(String[]::new);
    incident.impactScope = d.impactScope();
    incident.warRoomUrl = d.warRoomUrl();
    incident.detectionMethod = d.detectionMethod().wireName();
    incident.occurredAt = d.occurredAt();
    incident.detectedAt = d.detectedAt() != null ? d.detectedAt() : now;
    incident.declaredAt = now;
    incident.declaredBy = actor;
    incident.alertGroupId = d.alertGroupId();
    incident.stakeholderGroups = new String[0];
    incident.partner = d.partner();
    incident.trafficSignal = d.trafficSignal();
    incident.trafficSurge = d.trafficSignal() == null ? null : Boolean.TRUE;
    incident.updatedAt = now;
    IncidentDeclared event =
        new IncidentDeclared(
            id,
            reference,
            incident.title,
            incident.summary,
            incident.severity,
            incident.status,
            incident.getServices(),
            incident.getDomains(),
            incident.impactScope,
            incident.warRoomUrl,
            incident.detectionMethod,
            incident.occurredAt,
            incident.detectedAt,
            incident.declaredAt,
            actor,
            incident.alertGroupId,
            incident.partner);
    return new Declared(incident, event);
  }

  /**
   * The new incident as the row the declaration's outbox statement inserts (ADR 0156): every column
   * of {@code incident}, as Hibernate would write it. A declared incident is never persisted
   * through Hibernate, so this and the entity's mapping must stay in step (DeclareIncidentTest
   * checks both against the table).
   */
  public JsonRow row() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("reference", reference);
    row.put("title", title);
    row.put("summary", summary);
    row.put("severity", severity);
    row.put("status", status);
    row.put("services", services);
    row.put("domains", domains);
    row.put("impact_scope", impactScope);
    row.put("war_room_url", warRoomUrl);
    row.put("detection_method", detectionMethod);
    row.put("occurred_at", iso(occurredAt));
    row.put("detected_at", iso(detectedAt));
    row.put("declared_at", iso(declaredAt));
    row.put("declared_by", declaredBy);
    row.put("alert_group_id", alertGroupId);
    row.put("version", version);
    row.put("stakeholder_groups", stakeholderGroups);
    row.put("customer_impact", customerImpact);
    row.put("location", location);
    row.put("acknowledged_at", iso(acknowledgedAt));
    row.put("mitigated_at", iso(mitigatedAt));
    row.put("resolved_at", iso(resolvedAt));
    row.put("closed_at", iso(closedAt));
    row.put("recovery_method", recoveryMethod);
    row.put("commander", commander);
    row.put("recovery_lead", recoveryLead);
    row.put("communications_lead", communicationsLead);
    row.put("updated_at", iso(updatedAt));
    row.put("partner", partner);
    row.put("traffic_surge", trafficSurge);
    row.put("traffic_signal", trafficSignal);
    return new JsonRow("incident", row);
  }

  private static String iso(Instant at) {
    return at == null ? null : at.toString();
  }

  /**
   * Applies a merge patch. Status is not a field: it moves only through {@link #transition}.
   *
   * @param patch checked by {@link IncidentPatch#checked}
   * @return incident.updated with what actually changed, or nothing when the patch changes nothing
   */
  public List<FirebellEvent> update(IncidentPatch patch, String actor, Instant now) {
    requireOpen("changed");
    Map<String, Object> changed = new LinkedHashMap<>();
    apply(changed, "title", patch.title(), title, v -> title = v);
    apply(changed, "summary", patch.summary(), summary, v -> summary = v);
    apply(changed, "severity", patch.severity(), severity, v -> severity = v);
    apply(changed, "services", patch.services(), getServices(), v -> services = array(v));
    apply(changed, "domains", patch.domains(), getDomains(), v -> domains = array(v));
    apply(
        changed,
        "stakeholderGroups",
        patch.stakeholderGroups(),
        getStakeholderGroups(),
        v -> stakeholderGroups = array(v));
    apply(changed, "impactScope", patch.impactScope(), impactScope, v -> impactScope = v);
    apply(
        changed, "customerImpact", patch.customerImpact(), customerImpact, v -> customerImpact = v);
    apply(changed, "warRoomUrl", patch.warRoomUrl(), warRoomUrl, v -> warRoomUrl = v);
    apply(
        changed,
        "detectionMethod",
        patch.detectionMethod(),
        detectionMethod,
        v -> detectionMethod = v);
    apply(changed, "location", patch.location(), location, v -> location = v);
    apply(changed, "occurredAt", patch.occurredAt(), occurredAt, v -> occurredAt = v);
    apply(changed, "detectedAt", patch.detectedAt(), detectedAt, v -> detectedAt = v);
    apply(
        changed, "acknowledgedAt", patch.acknowledgedAt(), acknowledgedAt, v -> acknowledgedAt = v);
    apply(changed, "mitigatedAt", patch.mitigatedAt(), mitigatedAt, v -> mitigatedAt = v);
    apply(changed, "partner", patch.partner(), partner, v -> partner = v);
    if (patch.trafficSurge().isPresent()
        && !Objects.equals(trafficSurge, patch.trafficSurge().value())) {
      apply(changed, "trafficSurge", patch.trafficSurge(), trafficSurge, v -> trafficSurge = v);
      trafficSignal =
          trafficSurge == null ? null : (trafficSurge ? "observed by " : "ruled out by ") + actor;
    }
    if (patch.detectionMethod().isPresent() || patch.partner().isPresent()) {
      // Only a patch of the kind or the partner is held to the rule: a partner report declared
      // before partners were recorded can still have its title fixed.
      checkedPartner(detectionMethod, partner);
    }
    if (services.length == 0 && domains.length == 0) {
      throw ProblemException.invalid(
          "services", "an incident needs at least one service or domain");
    }
    if (occurredAt != null && detectedAt != null && detectedAt.isBefore(occurredAt)) {
      throw ProblemException.invalid("detectedAt", "cannot be before occurredAt");
    }
    if (changed.isEmpty()) {
      return List.of();
    }
    updatedAt = now;
    return List.of(
        new IncidentUpdated(
            id,
            changed,
            title,
            severity,
            status,
            getServices(),
            getDomains(),
            impactScope,
            warRoomUrl,
            actor,
            now,
            detectionMethod,
            partner));
  }

  /**
   * Sets a field the patch changes to a different value, noting it in {@code changed} by its API
   * name with its JSON value (null when cleared).
   */
  private static <T> void apply(
      Map<String, Object> changed, String field, Patch<T> patch, T current, Consumer<T> set) {
    if (patch.isPresent() && !Objects.equals(current, patch.value())) {
      set.accept(patch.value());
      changed.put(field, patch.value() instanceof Instant i ? i.toString() : patch.value());
    }
  }

  private static String[] array(List<String> names) {
    return names.toArray(String[]::new);
  }

  /**
   * Moves the incident along its lifecycle. Leaving investigating marks it acknowledged, reaching
   * monitoring marks it mitigated (a fix is in place), unless those times are already known.
   *
   * @param recoveryMethod required when resolving: the action kind that restored service
   * @param appliedActionKinds kinds of the incident's recovery actions that are done
   * @return status-changed, plus resolved or closed when the incident reaches those
   */
  public List<FirebellEvent> transition(
      IncidentStatus to,
      ActionKind recoveryMethod,
      String note,
      List<String> appliedActionKinds,
      String actor,
      Instant now) {
    IncidentStatus from = IncidentStatus.fromWire(status);
    if (from == to) {
      throw ProblemException.conflict("the incident is " + status + " already");
    }
    if (!from.canMoveTo(to)) {
      throw ProblemException.conflict(illegalTransition(from, to));
    }
    if (to == IncidentStatus.RESOLVED && recoveryMethod == null) {
      throw ProblemException.conflict(
          "resolving needs a recoveryMethod: how was service restored? One of "
              + ActionKind.wireNames());
    }
    if (to != IncidentStatus.RESOLVED && recoveryMethod != null) {
      throw ProblemException.invalid("recoveryMethod", "is given only when resolving");
    }
    status = to.wireName();
    updatedAt = now;
    if (from == IncidentStatus.INVESTIGATING && acknowledgedAt == null) {
      acknowledgedAt = now;
    }
    if ((to == IncidentStatus.MONITORING || to == IncidentStatus.RESOLVED) && mitigatedAt == null) {
      mitigatedAt = now;
    }
    List<FirebellEvent> events = new ArrayList<>();
    events.add(
        new IncidentStatusChanged(
            id,
            from.wireName(),
            to.wireName(),
            recoveryMethod == null ? null : recoveryMethod.wireName(),
            note,
            actor,
            now));
    if (to == IncidentStatus.RESOLVED) {
      resolvedAt = now;
      if (acknowledgedAt == null) {
        acknowledgedAt = now;
      }
      this.recoveryMethod = recoveryMethod.wireName();
      Set<String> methods = new LinkedHashSet<>();
      methods.add(this.recoveryMethod);
      methods.addAll(appliedActionKinds);
      events.add(
          new IncidentResolved(
              id,
              title,
              severity,
              getServices(),
              getDomains(),
              location,
              detectionMethod,
              occurredAt != null ? occurredAt : detectedAt,
              detectedAt,
              declaredAt,
              acknowledgedAt,
              mitigatedAt,
              resolvedAt,
              List.copyOf(methods),
              actor,
              partner));
    }
    if (to == IncidentStatus.CLOSED) {
      closedAt = now;
      events.add(new IncidentClosed(id, resolvedAt, closedAt, actor));
    }
    return events;
  }

  private static String illegalTransition(IncidentStatus from, IncidentStatus to) {
    String allowed =
        from.next().isEmpty()
            ? "nothing: " + from.wireName() + " is final"
            : from.next().stream().map(IncidentStatus::wireName).toList().toString();
    String why =
        switch (to) {
          case CLOSED -> "an incident is closed only after it is resolved";
          case INVESTIGATING, IDENTIFIED, MONITORING ->
              from == IncidentStatus.CLOSED || from == IncidentStatus.RESOLVED
                  ? "a resolved incident is not reopened; declare a new one if the trouble is back"
                  : "not a legal move";
          default -> "not a legal move";
        };
    return "cannot move from "
        + from.wireName()
        + " to "
        + to.wireName()
        + " ("
        + why
        + "); from "
        + from.wireName()
        + " the incident may move to "
        + allowed;
  }

  /**
   * Gives a role to a person. The recovery lead and the communications lead must be different
   * people, because the one restoring service cannot also be the one explaining it to stakeholders;
   * an admin may override that with a reason, which the event (and so the timeline) carries.
   *
   * @param overrideBy the admin overriding the separation rule, or null
   * @param overrideReason the admin's reason, or null
   * @return the event, or null when the person already holds the role
   */
  public IncidentRoleAssigned assignRole(
      IncidentRole role,
      String person,
      String overrideBy,
      String overrideReason,
      String actor,
      Instant now) {
    if (IncidentStatus.fromWire(status) == IncidentStatus.CLOSED) {
      throw ProblemException.conflict("the incident is closed; its roles no longer change");
    }
    String previous = holder(role);
    if (person.equals(previous)) {
      return null;
    }
    String other =
        switch (role) {
          case RECOVERY_LEAD -> communicationsLead;
          case COMMUNICATIONS_LEAD -> recoveryLead;
          case COMMANDER -> null;
        };
    boolean overriding = false;
    if (person.equals(other)) {
      if (overrideBy == null) {
        throw ProblemException.conflict(
            person
                + " is the "
                + (role == IncidentRole.RECOVERY_LEAD ? "communications lead" : "recovery lead")
                + " of this incident: the recovery lead and the communications lead must be"
                + " different people, so that restoring service and informing stakeholders never"
                + " compete for one person's attention. An admin may override this with a reason.");
      }
      overriding = true;
    }
    switch (role) {
      case COMMANDER -> commander = person;
      case RECOVERY_LEAD -> recoveryLead = person;
      case COMMUNICATIONS_LEAD -> communicationsLead = person;
    }
    updatedAt = now;
    return new IncidentRoleAssigned(
        id,
        role.wireName(),
        person,
        previous,
        overriding ? overrideBy : null,
        overriding ? overrideReason : null,
        actor,
        now);
  }

  public String holder(IncidentRole role) {
    return switch (role) {
      case COMMANDER -> commander;
      case RECOVERY_LEAD -> recoveryLead;
      case COMMUNICATIONS_LEAD -> communicationsLead;
    };
  }

  /** Fails with 409 unless the incident is still open to changes (not closed). */
  public void requireOpen(String what) {
    if (IncidentStatus.fromWire(status) == IncidentStatus.CLOSED) {
      throw ProblemException.conflict("the incident is closed; it can no longer be " + what);
    }
  }

  public boolean isClosed() {
    return IncidentStatus.fromWire(status) == IncidentStatus.CLOSED;
  }

  /** When the trouble started as far as known: occurred, else detected, else declared. */
  public Instant anchorTime() {
    if (occurredAt != null) {
      return occurredAt;
    }
    return detectedAt != null ? detectedAt : declaredAt;
  }

  public String getPartner() {
    return partner;
  }

  /** True when traffic surged, false when ruled out, null when nobody knows. */
  public Boolean getTrafficSurge() {
    return trafficSurge;
  }

  /** Where {@link #getTrafficSurge()} comes from: the detection signal or a responder. */
  public String getTrafficSignal() {
    return trafficSignal;
  }

  public List<String> getStakeholderGroups() {
    return stakeholderGroups == null ? List.of() : Arrays.asList(stakeholderGroups.clone());
  }

  public String getCustomerImpact() {
    return customerImpact;
  }

  public String getLocation() {
    return location;
  }

  public Instant getAcknowledgedAt() {
    return acknowledgedAt;
  }

  public Instant getMitigatedAt() {
    return mitigatedAt;
  }

  public Instant getResolvedAt() {
    return resolvedAt;
  }

  public Instant getClosedAt() {
    return closedAt;
  }

  public String getRecoveryMethod() {
    return recoveryMethod;
  }

  public String getCommander() {
    return commander;
  }

  public String getRecoveryLead() {
    return recoveryLead;
  }

  public String getCommunicationsLead() {
    return communicationsLead;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public UUID getId() {
    return id;
  }

  public String getReference() {
    return reference;
  }

  public String getTitle() {
    return title;
  }

  public String getSummary() {
    return summary;
  }

  public String getSeverity() {
    return severity;
  }

  public String getStatus() {
    return status;
  }

  public List<String> getServices() {
    return List.of(services);
  }

  public List<String> getDomains() {
    return List.of(domains);
  }

  public String getImpactScope() {
    return impactScope;
  }

  public String getWarRoomUrl() {
    return warRoomUrl;
  }

  public String getDetectionMethod() {
    return detectionMethod;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }

  public Instant getDetectedAt() {
    return detectedAt;
  }

  public Instant getDeclaredAt() {
    return declaredAt;
  }

  public String getDeclaredBy() {
    return declaredBy;
  }

  public UUID getAlertGroupId() {
    return alertGroupId;
  }

  public long getVersion() {
    return version;
  }
}
