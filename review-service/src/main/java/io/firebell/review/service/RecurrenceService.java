package io.firebell.review.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.contracts.review.RecurrenceDetected;
import io.firebell.platform.outbox.Outbox;
import io.firebell.platform.problem.ProblemException;
import io.firebell.review.config.ReviewConfig;
import io.firebell.review.model.ActionItem;
import io.firebell.review.model.IncidentFact;
import io.firebell.review.model.RecurrenceLink;
import io.firebell.review.model.Report;
import io.firebell.review.repository.ActionItemRepository;
import io.firebell.review.repository.IncidentFactRepository;
import io.firebell.review.repository.RecurrenceLinkRepository;
import io.firebell.review.repository.ReportRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Finds the earlier incidents a new one repeats — the most painful incident is the one that recurs
 * — and announces it once per newly found earlier incident.
 */
@ApplicationScoped
public class RecurrenceService {

  private final IncidentFactRepository facts;
  private final RecurrenceLinkRepository links;
  private final ReportRepository reports;
  private final ActionItemRepository actionItems;
  private final Outbox outbox;
  private final ReviewConfig config;
  private final Clock clock;

  public RecurrenceService(
      IncidentFactRepository facts,
      RecurrenceLinkRepository links,
      ReportRepository reports,
      ActionItemRepository actionItems,
      Outbox outbox,
      ReviewConfig config,
      Clock clock) {
    this.facts = facts;
    this.links = links;
    this.reports = reports;
    this.actionItems = actionItems;
    this.outbox = outbox;
    this.config = config;
    this.clock = clock;
  }

  /** One earlier incident and what it shares with the new one. */
  public record Match(
      IncidentFact earlier, List<String> matchedOn, Report report, List<ActionItem> actionItems) {}

  /** Runs inside the consumer's transaction after the fact changed (declared or resolved). */
  @WithSpan("RecurrenceService.check")
  public Uni<Void> check(UUID incidentId) {
    return facts
        .findById(incidentId)
        .chain(fact -> fact == null ? Uni.createFrom().item(List.<Match>of()) : matches(fact))
        .chain(
            found ->
                links
                    .list("incidentId", incidentId)
                    .chain(existing -> record(incidentId, found, existing)));
  }

  @WithSession
  @WithSpan("RecurrenceService.similar")
  public Uni<List<Match>> similar(UUID incidentId) {
    return facts
        .findById(incidentId)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("incident", incidentId))
        .chain(this::matches);
  }

  private Uni<List<Match>> matches(IncidentFact fact) {
    var since = fact.getDeclaredAt().minus(config.recurrenceWindow());
    return reports
        .findById(fact.getIncidentId())
        .chain(
            ownReport ->
                candidates(fact, since)
                    .chain(
                        candidates -> {
                          List<IncidentFact> hits = new ArrayList<>();
                          Map<UUID, List<String>> why = new HashMap<>();
                          for (IncidentFact c : candidates) {
                            List<String> on = new ArrayList<>();
                            if (c.getServices().stream().anyMatch(fact.getServices()::contains)) {
                              on.add("service");
                            }
                            if (fact.getComponent() != null
                                && fact.getComponent().equals(c.getComponent())) {
                              on.add("component");
                            }
                            if (!on.isEmpty()) {
                              hits.add(c);
                              why.put(c.getIncidentId(), on);
                            }
                          }
                          if (hits.isEmpty()) {
                            return Uni.createFrom().item(List.<Match>of());
                          }
                          // The most recent ones (candidates come newest first): a service with
                          // hundreds of incidents a year must not link, load and publish them all
                          // on every declaration.
                          List<IncidentFact> recent =
                              List.copyOf(
                                  hits.subList(
                                      0, Math.min(hits.size(), config.recurrenceMatches())));
                          List<UUID> ids =
                              recent.stream().map(IncidentFact::getIncidentId).toList();
                          return reports
                              .list("incidentId in ?1", ids)
                              .chain(
                                  rs ->
                                      actionItems
                                          .list("incidentId in ?1", Sort.by("createdAt"), ids)
                                          .map(
                                              items -> {
                                                String cause =
                                                    ownReport == null
                                                        ? null
                                                        : ownReport.getCauseCategory();
                                                List<Match> out = new ArrayList<>();
                                                for (IncidentFact h : recent) {
                                                  Report r =
                                                      rs.stream()
                                                          .filter(
                                                              x ->
                                                                  x.getIncidentId()
                                                                      .equals(h.getIncidentId()))
                                                          .findFirst()
                                                          .orElse(null);
                                                  List<String> on =
                                                      new ArrayList<>(why.get(h.getIncidentId()));
                                                  if (cause != null
                                                      && r != null
                                                      && cause.equals(r.getCauseCategory())) {
                                                    on.add("cause_category");
                                                  }
                                                  out.add(
                                                      new Match(
                                                          h,
                                                          on,
                                                          r,
                                                          items.stream()
                                                              .filter(
                                                                  i ->
                                                                      i.getIncidentId()
                                                                          .equals(
                                                                              h.getIncidentId()))
                                                              .toList()));
                                                }
                                                out.sort(
                                                    Comparator.comparing(
                                                            (Match m) ->
                                                                m.earlier().getDeclaredAt())
                                                        .reversed());
                                                return out;
                                              }));
                        }));
  }

  /**
   * The earlier incidents of the window that share a service or the component with this one, the
   * most recent {@code firebell.review.recurrence-matches} of them, newest first. PostgreSQL
   * filters and limits (walking {@code incident_fact_declared_at} backwards): after a year of
   * incidents, loading every one of the window on each declaration and resolution cost more than
   * the rest of the consumer's work.
   */
  private Uni<List<IncidentFact>> candidates(IncidentFact fact, Instant since) {
    if (config.recurrenceMatches() <= 0) {
      return Uni.createFrom().item(List.of());
    }
    String services;
    try {
      services =
          JSON.writeValueAsString(fact.getServices() == null ? new String[0] : fact.getServices());
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
    // Native SQL: an array parameter in a Hibernate query is expanded as a list ("&& ()" for an
    // incident without services), so the services go as one JSON text.
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(CANDIDATES, IncidentFact.class)
                    .setParameter(1, since)
                    .setParameter(2, fact.getDeclaredAt())
                    .setParameter(3, fact.getIncidentId())
                    .setParameter(4, services)
                    .setParameter(5, fact.getComponent() == null ? "" : fact.getComponent())
                    .setParameter(6, config.recurrenceMatches())
                    .getResultList());
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String CANDIDATES =
      "select * from incident_fact"
          + " where declared_at >= ?1 and declared_at < ?2 and incident_id <> ?3"
          + " and (services && array(select jsonb_array_elements_text(cast(cast(?4 as text) as"
          + " jsonb)))"
          + " or (cast(?5 as text) <> '' and component = cast(?5 as text)))"
          + " order by declared_at desc limit ?6";

  private Uni<Void> record(UUID incidentId, List<Match> found, List<RecurrenceLink> existing) {
    Set<UUID> known = new HashSet<>();
    existing.forEach(l -> known.add(l.getEarlierIncidentId()));
    List<Match> fresh =
        found.stream().filter(m -> !known.contains(m.earlier().getIncidentId())).toList();
    if (fresh.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    var now = clock.instant();
    List<RecurrenceLink> newLinks =
        fresh.stream()
            .map(
                m ->
                    new RecurrenceLink(incidentId, m.earlier().getIncidentId(), m.matchedOn(), now))
            .toList();
    IncidentFact first = fresh.get(0).earlier();
    String service =
        fresh.get(0).matchedOn().contains("service")
            ? first.getServices().stream().findFirst().orElse(null)
            : null;
    String component =
        fresh.stream()
            .filter(m -> m.matchedOn().contains("component"))
            .map(m -> m.earlier().getComponent())
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(null);
    List<RecurrenceDetected.EarlierIncident> earlier =
        fresh.stream()
            .map(
                m ->
                    new RecurrenceDetected.EarlierIncident(
                        m.earlier().getIncidentId(),
                        m.earlier().getReference(),
                        m.earlier().getTitle(),
                        m.earlier().getOccurredAt() != null
                            ? m.earlier().getOccurredAt()
                            : m.earlier().getDeclaredAt(),
                        m.matchedOn(),
                        m.report() != null && m.report().getPublishedVersion() > 0
                            ? config.publicUrl() + "/v1/reports/" + m.earlier().getIncidentId()
                            : null,
                        m.actionItems().stream().map(ActionItem::getId).toList(),
                        m.actionItems().stream()
                            .filter(ActionItem::isOpen)
                            .map(ActionItem::getId)
                            .toList()))
            .toList();
    RecurrenceDetected event =
        new RecurrenceDetected(incidentId, service, component, null, earlier, now);
    return links.persist(newLinks).chain(() -> outbox.append(event));
  }
}
