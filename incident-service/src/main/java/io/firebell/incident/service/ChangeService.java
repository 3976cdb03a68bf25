package io.firebell.incident.service;

import io.firebell.incident.config.IncidentConfig;
import io.firebell.incident.model.CatalogEntry;
import io.firebell.incident.model.ChangeEvent;
import io.firebell.incident.model.Incident;
import io.firebell.incident.model.RollbackCandidate;
import io.firebell.incident.repository.CatalogRepository;
import io.firebell.incident.repository.ChangeEventRepository;
import io.firebell.incident.repository.IncidentRepository;
import io.firebell.platform.problem.ProblemException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Change events, the service catalog, and the rollback candidates of an incident. */
@ApplicationScoped
public class ChangeService {

  private final ChangeEventRepository changes;
  private final CatalogRepository catalog;
  private final IncidentRepository incidents;
  private final IncidentConfig config;
  private final Clock clock;

  public ChangeService(
      ChangeEventRepository changes,
      CatalogRepository catalog,
      IncidentRepository incidents,
      IncidentConfig config,
      Clock clock) {
    this.changes = changes;
    this.catalog = catalog;
    this.incidents = incidents;
    this.config = config;
    this.clock = clock;
  }

  @WithTransaction
  @WithSpan("ChangeService.record")
  public Uni<ChangeEvent> record(ChangeEvent.Report report, String source) {
    ChangeEvent change = ChangeEvent.record(report, source, Instant.now(clock));
    return changes.persist(change);
  }

  @WithSession
  public Uni<ChangeEvent> get(UUID id) {
    return changes
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("change", id));
  }

  @WithSession
  public Uni<List<ChangeEvent>> page(
      String service, Instant since, Instant until, Instant afterAt, UUID afterId, int limit) {
    return changes.page(service, since, until, afterAt, afterId, limit);
  }

  // --- the service catalog ---------------------------------------------------------------------

  @WithTransaction
  @WithSpan("ChangeService.describe")
  public Uni<CatalogEntry> describe(
      String name,
      String domain,
      List<String> owners,
      List<String> dependencies,
      String description,
      String actor) {
    if (dependencies.contains(name)) {
      throw ProblemException.invalid("dependencies", "a service does not depend on itself");
    }
    return catalog
        .findById(name)
        .chain(
            existing -> {
              CatalogEntry entry = existing != null ? existing : new CatalogEntry(name);
              entry.describe(domain, owners, dependencies, description, actor, Instant.now(clock));
              return existing != null ? Uni.createFrom().item(entry) : catalog.persist(entry);
            });
  }

  @WithSession
  public Uni<List<CatalogEntry>> services(String domain) {
    return domain == null ? catalog.all() : catalog.inDomain(domain);
  }

  @WithSession
  public Uni<CatalogEntry> service(String name) {
    return catalog
        .findById(name)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("service", name));
  }

  @WithTransaction
  @WithSpan("ChangeService.forget")
  public Uni<Void> forget(String name) {
    return service(name).chain(catalog::delete);
  }

  // --- rollback candidates ---------------------------------------------------------------------

  /**
   * What the rollback-candidate search looked at and found.
   *
   * @param anchorSource {@code occurred}, {@code detected} or {@code declared}: which time of the
   *     incident the window ends at
   * @param affected the incident's services, plus the catalog's services of its domains
   * @param dependencies every service the affected ones depend on, transitively, each with the
   *     chain that leads to it
   */
  public record Candidates(
      Incident incident,
      Instant anchor,
      String anchorSource,
      Duration window,
      List<String> affected,
      Map<String, List<String>> dependencies,
      List<RollbackCandidate> candidates) {}

  /**
   * Every change in the window before the incident's occurrence (its detection, else its
   * declaration, when the occurrence is unknown) to an affected service, to any service they depend
   * on (transitively, through the catalog), or infra-wide; newest first.
   */
  @WithSession
  @WithSpan("ChangeService.rollbackCandidates")
  public Uni<Candidates> rollbackCandidates(UUID incidentId, Duration requestedWindow) {
    Duration window = requestedWindow == null ? config.rollbackWindow() : requestedWindow;
    if (window.isNegative()
        || window.isZero()
        || window.compareTo(config.maxRollbackWindow()) > 0) {
      throw ProblemException.invalid(
          "window", "must be positive and at most " + config.maxRollbackWindow());
    }
    return incidents
        .findById(incidentId)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("incident", incidentId))
        .chain(
            incident ->
                catalog
                    .all()
                    .chain(
                        entries -> {
                          Map<String, CatalogEntry> byName =
                              entries.stream()
                                  .collect(
                                      Collectors.toMap(CatalogEntry::getName, Function.identity()));
                          Set<String> affected = new LinkedHashSet<>(incident.getServices());
                          for (CatalogEntry e : entries) {
                            if (e.getDomain() != null
                                && incident.getDomains().contains(e.getDomain())) {
                              affected.add(e.getName());
                            }
                          }
                          Map<String, List<String>> deps = dependencies(affected, byName);
                          List<String> searched = new ArrayList<>(affected);
                          searched.addAll(deps.keySet());
                          Instant anchor = incident.anchorTime();
                          Instant from = anchor.minus(window);
                          return changes
                              .inWindow(searched, from, anchor)
                              .map(
                                  found ->
                                      new Candidates(
                                          incident,
                                          anchor,
                                          anchorSource(incident),
                                          window,
                                          List.copyOf(affected),
                                          deps,
                                          found.stream()
                                              .map(c -> why(c, affected, deps))
                                              .toList()));
                        }));
  }

  private static RollbackCandidate why(
      ChangeEvent c, Set<String> affected, Map<String, List<String>> deps) {
    if (c.isInfraWide()) {
      return new RollbackCandidate(c, RollbackCandidate.INFRA_WIDE, List.of());
    }
    if (affected.contains(c.getService())) {
      return new RollbackCandidate(c, RollbackCandidate.SAME_SERVICE, List.of(c.getService()));
    }
    return new RollbackCandidate(c, RollbackCandidate.DEPENDENCY, deps.get(c.getService()));
  }

  /** Breadth-first over the catalog, so each dependency gets its shortest chain. */
  private static Map<String, List<String>> dependencies(
      Set<String> affected, Map<String, CatalogEntry> catalog) {
    Map<String, List<String>> paths = new LinkedHashMap<>();
    Deque<List<String>> queue = new ArrayDeque<>();
    affected.forEach(s -> queue.add(List.of(s)));
    while (!queue.isEmpty()) {
      List<String> path = queue.poll();
      CatalogEntry entry = catalog.get(path.get(path.size() - 1));
      if (entry == null) {
        continue;
      }
      for (String dep : entry.getDependencies()) {
        if (affected.contains(dep) || paths.containsKey(dep)) {
          continue;
        }
        List<String> longer = new ArrayList<>(path);
        longer.add(dep);
        paths.put(dep, List.copyOf(longer));
        queue.add(longer);
      }
    }
    return paths;
  }

  private static String anchorSource(Incident i) {
    if (i.getOccurredAt() != null) {
      return "occurred";
    }
    return i.getDetectedAt() != null ? "detected" : "declared";
  }
}
