package io.firebell.broadcast.service;

import io.firebell.broadcast.config.CommsConfig;
import io.firebell.broadcast.model.Incident;
import io.firebell.broadcast.model.StakeholderUpdate;
import io.firebell.broadcast.repository.IncidentRepository;
import io.firebell.broadcast.repository.StakeholderUpdateRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Builds the public status page from the incidents that have an update to an external audience: the
 * components (services of public incidents plus configured ones) and their state, the open
 * incidents with their latest external update, and the recently resolved ones.
 */
@ApplicationScoped
public class StatusPageService {

  static final List<String> COMPONENT_STATES =
      List.of("operational", "degraded_performance", "partial_outage", "major_outage");
  private static final List<String> IMPACTS = List.of("none", "minor", "major", "critical");
  private static final int MAX_INCIDENTS = 50;

  private final IncidentRepository incidents;
  private final StakeholderUpdateRepository updates;
  private final MessageRenderer renderer;
  private final CommsConfig config;
  private final Clock clock;

  public StatusPageService(
      IncidentRepository incidents,
      StakeholderUpdateRepository updates,
      MessageRenderer renderer,
      CommsConfig config,
      Clock clock) {
    this.incidents = incidents;
    this.updates = updates;
    this.renderer = renderer;
    this.config = config;
    this.clock = clock;
  }

  @WithSession
  @WithSpan("StatusPageService.page")
  public Uni<StatusPage> page() {
    Instant now = Instant.now(clock);
    Instant since = now.minus(config.status().resolvedWindow());
    return incidents
        .find(
            "from Incident i where exists (select 1 from StakeholderUpdate u where u.incidentId"
                + " = i.id and u.external = true) and (i.resolvedAt is null or i.resolvedAt >"
                + " ?1) order by i.declaredAt desc",
            since)
        .page(0, MAX_INCIDENTS)
        .list()
        .chain(
            found -> {
              if (found.isEmpty()) {
                return Uni.createFrom().item(build(List.of(), Map.of(), now, since));
              }
              List<UUID> ids = found.stream().map(Incident::id).toList();
              return updates
                  .list("external = true and incidentId in ?1 order by publishedAt desc, id", ids)
                  .map(
                      all ->
                          build(
                              found,
                              all.stream()
                                  .collect(
                                      Collectors.groupingBy(
                                          StakeholderUpdate::incidentId,
                                          LinkedHashMap::new,
                                          Collectors.toList())),
                              now,
                              since));
            });
  }

  private StatusPage build(
      List<Incident> found,
      Map<UUID, List<StakeholderUpdate>> updatesByIncident,
      Instant now,
      Instant since) {
    List<StatusPage.PublicIncident> open = new ArrayList<>();
    List<StatusPage.PublicIncident> resolved = new ArrayList<>();
    Map<String, String> componentStates = new LinkedHashMap<>();
    Map<String, Instant> componentUpdated = new LinkedHashMap<>();
    config.status().components().orElse(List.of()).stream()
        .map(String::strip)
        .filter(c -> !c.isEmpty())
        .forEach(c -> componentStates.put(c, "operational"));
    Set<String> seen = new LinkedHashSet<>();
    String worstImpact = "none";
    for (Incident incident : found) {
      List<StakeholderUpdate> external = updatesByIncident.getOrDefault(incident.id(), List.of());
      if (external.isEmpty()) {
        continue;
      }
      StatusPage.PublicIncident p = publicIncident(incident, external);
      if ("resolved".equals(p.status())) {
        if (p.resolvedAt() != null && p.resolvedAt().isBefore(since)) {
          continue;
        }
        resolved.add(p);
      } else {
        open.add(p);
        worstImpact = worse(IMPACTS, worstImpact, p.impact());
      }
      String state = componentState(incident, p.status());
      for (String c : p.components()) {
        seen.add(c);
        componentStates.merge(c, state, (a, b) -> worse(COMPONENT_STATES, a, b));
        componentUpdated.merge(c, p.updatedAt(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    List<String> names = new ArrayList<>(componentStates.keySet());
    List<String> configured = names.stream().filter(n -> !seen.contains(n)).toList();
    List<String> ordered = new ArrayList<>(configured);
    names.stream().filter(seen::contains).sorted().forEach(ordered::add);
    List<StatusPage.Component> components = new ArrayList<>();
    String worstComponent = "operational";
    for (String name : ordered) {
      String state = componentStates.get(name);
      worstComponent = worse(COMPONENT_STATES, worstComponent, state);
      components.add(
          new StatusPage.Component(
              slug(name),
              name,
              state,
              componentUpdated.getOrDefault(name, now),
              components.size() + 1));
    }
    String indicator =
        worse(IMPACTS, worstImpact, IMPACTS.get(COMPONENT_STATES.indexOf(worstComponent)));
    Instant updatedAt =
        found.isEmpty()
            ? now
            : open.stream()
                .map(StatusPage.PublicIncident::updatedAt)
                .max(Comparator.naturalOrder())
                .orElse(now);
    return new StatusPage(
        config.status().pageName(),
        config.status().url(),
        updatedAt,
        indicator,
        description(indicator),
        components,
        open,
        resolved);
  }

  private StatusPage.PublicIncident publicIncident(
      Incident incident, List<StakeholderUpdate> externalNewestFirst) {
    StakeholderUpdate latest = externalNewestFirst.get(0);
    StakeholderUpdate first = externalNewestFirst.get(externalNewestFirst.size() - 1);
    boolean finished = incident.finished();
    String status = finished ? "resolved" : latest.status();
    Instant resolvedAt =
        !"resolved".equals(status)
            ? null
            : incident.resolvedAt() != null ? incident.resolvedAt() : latest.publishedAt();
    Instant monitoringAt =
        externalNewestFirst.stream()
            .filter(u -> "monitoring".equals(u.status()))
            .map(StakeholderUpdate::publishedAt)
            .min(Comparator.naturalOrder())
            .orElse(null);
    Instant started = incident.occurredAt() != null ? incident.occurredAt() : incident.declaredAt();
    List<StatusPage.PublicUpdate> publicUpdates =
        externalNewestFirst.stream().map(u -> publicUpdate(incident, u)).toList();
    return new StatusPage.PublicIncident(
        incident.id().toString(),
        name(first.impact()),
        status,
        impact(incident.severity()),
        started,
        renderer.format(started),
        first.publishedAt(),
        latest.publishedAt(),
        monitoringAt,
        resolvedAt,
        renderer.format(resolvedAt),
        incident.services(),
        publicUpdates);
  }

  private StatusPage.PublicUpdate publicUpdate(Incident incident, StakeholderUpdate u) {
    return new StatusPage.PublicUpdate(
        u.id().toString(),
        u.status(),
        u.impact(),
        u.expectedRecoveryAt(),
        renderer.format(u.expectedRecoveryAt()),
        u.nextUpdateAt(),
        renderer.format(u.nextUpdateAt()),
        u.followUpActions(),
        renderer.publicText(incident, u.draft()),
        u.publishedAt(),
        renderer.format(u.publishedAt()));
  }

  /**
   * A component's state from one public incident: resolved → operational, monitoring → degraded
   * performance, otherwise by severity (SEV1 major outage, SEV2 partial outage, others degraded).
   */
  static String componentState(Incident incident, String publicStatus) {
    if ("resolved".equals(publicStatus)) {
      return "operational";
    }
    if ("monitoring".equals(publicStatus)) {
      return "degraded_performance";
    }
    return switch (String.valueOf(incident.severity())) {
      case "SEV1" -> "major_outage";
      case "SEV2" -> "partial_outage";
      default -> "degraded_performance";
    };
  }

  static String impact(String severity) {
    return switch (String.valueOf(severity)) {
      case "SEV1" -> "critical";
      case "SEV2" -> "major";
      default -> "minor";
    };
  }

  private static String description(String indicator) {
    return switch (indicator) {
      case "critical" -> "Major System Outage";
      case "major" -> "Partial System Outage";
      case "minor" -> "Minor Service Outage";
      default -> "All Systems Operational";
    };
  }

  /** The public name: the first sentence of the first external update's impact. */
  static String name(String impact) {
    String s = impact.strip();
    int end = s.indexOf(". ");
    if (end > 0) {
      s = s.substring(0, end + 1);
    }
    int newline = s.indexOf('\n');
    if (newline > 0) {
      s = s.substring(0, newline);
    }
    return s.length() <= 120 ? s : s.substring(0, 119) + "…";
  }

  private static String worse(List<String> scale, String a, String b) {
    return scale.indexOf(b) > scale.indexOf(a) ? b : a;
  }

  private static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }
}
