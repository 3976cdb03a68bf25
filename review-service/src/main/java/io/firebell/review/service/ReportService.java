package io.firebell.review.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.platform.outbox.Outbox;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.Roles;
import io.firebell.review.config.ReviewConfig;
import io.firebell.review.model.IncidentFact;
import io.firebell.review.model.Report;
import io.firebell.review.model.ReportCorrection;
import io.firebell.review.model.ReportVersion;
import io.firebell.review.model.Why;
import io.firebell.review.repository.ActionItemRepository;
import io.firebell.review.repository.AdvisoryLocks;
import io.firebell.review.repository.IncidentFactRepository;
import io.firebell.review.repository.ReportCorrectionRepository;
import io.firebell.review.repository.ReportRepository;
import io.firebell.review.repository.ReportVersionRepository;
import io.firebell.review.repository.StakeholderDeliveryRepository;
import io.firebell.review.repository.TimelineEntryRepository;
import io.firebell.review.repository.WhyRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Incident reports: the automatic draft, people's additions, the 5 Whys and publication. */
@ApplicationScoped
public class ReportService {

  private final ReportRepository reports;
  private final IncidentFactRepository facts;
  private final WhyRepository whys;
  private final ActionItemRepository actionItems;
  private final TimelineEntryRepository timeline;
  private final ReportCorrectionRepository corrections;
  private final ReportVersionRepository versions;
  private final StakeholderDeliveryRepository stakeholders;
  private final Outbox outbox;
  private final ReviewConfig config;
  private final ObjectMapper mapper;
  private final Clock clock;

  public ReportService(
      ReportRepository reports,
      IncidentFactRepository facts,
      WhyRepository whys,
      ActionItemRepository actionItems,
      TimelineEntryRepository timeline,
      ReportCorrectionRepository corrections,
      ReportVersionRepository versions,
      StakeholderDeliveryRepository stakeholders,
      Outbox outbox,
      ReviewConfig config,
      ObjectMapper mapper,
      Clock clock) {
    this.reports = reports;
    this.facts = facts;
    this.whys = whys;
    this.actionItems = actionItems;
    this.timeline = timeline;
    this.corrections = corrections;
    this.versions = versions;
    this.stakeholders = stakeholders;
    this.outbox = outbox;
    this.config = config;
    this.mapper = mapper;
    this.clock = clock;
  }

  /** Drafts the report of a resolved incident, once; runs in the consumer's transaction. */
  @WithSpan("ReportService.draftFor")
  public Uni<Void> draftFor(IncidentFact fact) {
    if (fact == null) {
      return Uni.createFrom().voidItem();
    }
    return stakeholdersLock(fact.getIncidentId())
        .chain(() -> reports.findById(fact.getIncidentId()))
        .chain(
            existing -> {
              if (existing != null) {
                return Uni.createFrom().voidItem();
              }
              Report.Drafted drafted =
                  Report.draft(fact, url(fact.getIncidentId()), clock.instant());
              return stakeholders
                  .audiences(fact.getIncidentId())
                  .invoke(reached -> drafted.report().stakeholdersReached(reached))
                  .chain(() -> reports.persist(drafted.report()))
                  .chain(() -> outbox.append(drafted.event()));
            });
  }

  /**
   * Counts a delivery to an audience and, while the incident's report is a draft, adds the audience
   * to its affected stakeholders; runs in the consumer's transaction.
   */
  @WithSpan("ReportService.stakeholderReached")
  public Uni<Void> stakeholderReached(UUID incidentId, String audience, Instant at) {
    return stakeholdersLock(incidentId)
        .chain(() -> stakeholders.delivered(incidentId, audience, at))
        .chain(() -> reports.findById(incidentId))
        .invoke(
            r -> {
              if (r != null) {
                r.stakeholdersReached(List.of(audience));
              }
            })
        .replaceWithVoid();
  }

  /**
   * Drafting and counting a delivery come from two consumers (two topics) and may run at once:
   * serialised per incident, the draft sees every committed delivery and a delivery sees the
   * committed draft, so no audience falls between the two.
   */
  private static Uni<Void> stakeholdersLock(UUID incidentId) {
    return AdvisoryLocks.hold("report-stakeholders:" + incidentId);
  }

  @WithSession
  public Uni<ReportBundle> get(UUID incidentId) {
    return bundle(incidentId);
  }

  /** What a reviewer or the incident's commander writes into the report. */
  public record Changes(Report.Amendment amendment, List<Correction> corrections) {}

  /** A corrected fact: which one, its right value (ISO-8601 for times), and why. */
  public record Correction(String field, String value, String reason) {}

  public static final List<String> CORRECTABLE =
      List.of(
          "occurredAt",
          "detectedAt",
          "acknowledgedAt",
          "mitigatedAt",
          "resolvedAt",
          "detectionMethod",
          "component",
          "severity");

  @WithTransaction
  @WithSpan("ReportService.amend")
  public Uni<ReportBundle> amend(
      UUID incidentId, Changes changes, SecurityIdentity who, Long expectedVersion) {
    return editable(incidentId, who)
        .chain(
            b -> {
              if (expectedVersion != null && expectedVersion != b.report().getRowVersion()) {
                throw ProblemException.preconditionFailed(
                    "the report changed since you read it (version "
                        + b.report().getRowVersion()
                        + ", you sent "
                        + expectedVersion
                        + "); reload and retry");
              }
              String actor = who.getPrincipal().getName();
              Instant now = clock.instant();
              b.report().amend(changes.amendment(), actor, now);
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (Correction c : changes.corrections()) {
                chain =
                    chain.chain(
                        () ->
                            corrections
                                .persist(
                                    new ReportCorrection(
                                        incidentId, c.field(), c.value(), c.reason(), actor, now))
                                .replaceWithVoid());
              }
              return chain.chain(() -> reports.flush()).chain(() -> bundle(incidentId));
            });
  }

  /** Replaces the 5-Whys chain (validated by the caller). */
  @WithTransaction
  @WithSpan("ReportService.replaceWhys")
  public Uni<ReportBundle> replaceWhys(UUID incidentId, List<Why> chain, SecurityIdentity who) {
    return editable(incidentId, who)
        .chain(
            b ->
                whys.delete("incidentId", incidentId)
                    .chain(() -> whys.flush())
                    .chain(() -> whys.persist(chain))
                    .invoke(
                        () -> b.report().touched(who.getPrincipal().getName(), clock.instant())))
        .chain(() -> whys.flush())
        .chain(() -> bundle(incidentId));
  }

  /** Publishes the next version; returns it with the blameless-language warnings. */
  public record Publication(ReportBundle bundle, List<String> warnings) {}

  @WithTransaction
  @WithSpan("ReportService.publish")
  public Uni<Publication> publish(
      UUID incidentId, SecurityIdentity who, Function<ReportBundle, Object> snapshot) {
    return editable(incidentId, who)
        .chain(
            b -> {
              String actor = who.getPrincipal().getName();
              Instant now = clock.instant();
              var event = b.report().publish(b.fact(), b.whys(), url(incidentId), actor, now);
              String json;
              try {
                json = mapper.writeValueAsString(snapshot.apply(b));
              } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot snapshot report " + incidentId, e);
              }
              List<String> warnings = b.blamelessWarnings();
              return versions
                  .persist(new ReportVersion(incidentId, event.version(), json, now, actor))
                  .chain(() -> outbox.append(event))
                  .chain(() -> reports.flush())
                  .chain(() -> bundle(incidentId))
                  .map(fresh -> new Publication(fresh, warnings));
            });
  }

  /** A report in a list: the report with the incident it is about. */
  public record Listed(Report report, IncidentFact fact) {}

  /** The latest reports (by when they were drafted), of one status or all. */
  @WithSession
  public Uni<List<Listed>> list(String status, int limit) {
    Sort newest = Sort.descending("draftedAt").and("incidentId");
    var query = status == null ? reports.findAll(newest) : reports.find("status", newest, status);
    return query
        .page(0, limit)
        .list()
        .chain(
            found -> {
              if (found.isEmpty()) {
                return Uni.createFrom().item(List.<Listed>of());
              }
              List<UUID> ids = found.stream().map(Report::getIncidentId).toList();
              return facts
                  .list("incidentId in ?1", ids)
                  .map(
                      known -> {
                        Map<UUID, IncidentFact> byId = new java.util.HashMap<>();
                        known.forEach(f -> byId.put(f.getIncidentId(), f));
                        return found.stream()
                            .map(r -> new Listed(r, byId.get(r.getIncidentId())))
                            .toList();
                      });
            });
  }

  @WithSession
  public Uni<List<ReportVersion>> versions(UUID incidentId) {
    return versions.list("incidentId", Sort.by("version"), incidentId);
  }

  /** Loads the report for a change, if the caller is a reviewer or the incident's commander. */
  Uni<ReportBundle> editable(UUID incidentId, SecurityIdentity who) {
    return bundle(incidentId)
        .invoke(
            b -> {
              boolean commander = who.getPrincipal().getName().equals(b.fact().getCommander());
              if (!who.hasRole(Roles.REVIEWER) && !commander) {
                throw ProblemException.forbidden(
                    "only a reviewer or the incident's commander may edit its report");
              }
            });
  }

  Uni<ReportBundle> bundle(UUID incidentId) {
    // One session allows one operation at a time: the reads are chained, not combined.
    return reports
        .findById(incidentId)
        .onItem()
        .ifNull()
        .failWith(
            () ->
                ProblemException.notFound(
                    "report of incident",
                    incidentId + " (a draft appears when the incident resolves)"))
        .chain(
            report ->
                facts
                    .findById(incidentId)
                    .chain(
                        fact ->
                            whys.list("incidentId", Sort.by("position"), incidentId)
                                .chain(
                                    chain ->
                                        actionItems
                                            .list(
                                                "incidentId",
                                                Sort.by("createdAt").and("id"),
                                                incidentId)
                                            .chain(
                                                items ->
                                                    timeline
                                                        .list(
                                                            "incidentId",
                                                            Sort.by("occurredAt").and("id"),
                                                            incidentId)
                                                        .chain(
                                                            entries ->
                                                                corrections
                                                                    .list(
                                                                        "incidentId",
                                                                        Sort.by("correctedAt")
                                                                            .and("id"),
                                                                        incidentId)
                                                                    .map(
                                                                        fixes ->
                                                                            new ReportBundle(
                                                                                fact,
                                                                                report,
                                                                                chain,
                                                                                items,
                                                                                entries,
                                                                                fixes,
                                                                                blamingLanguage(
                                                                                    report,
                                                                                    chain))))))));
  }

  /** Phrases that point at people rather than at the system, with where they were found. */
  List<String> blamingLanguage(Report report, List<Why> whys) {
    Map<String, String> texts = new java.util.LinkedHashMap<>();
    texts.put("cause", report.getCause());
    texts.put("impactSummary", report.getImpactSummary());
    for (int i = 0; i < report.getContributingFactors().size(); i++) {
      texts.put("contributingFactors[" + i + "]", report.getContributingFactors().get(i));
    }
    for (Why w : whys) {
      texts.put("whys[" + w.getPosition() + "].answer", w.getAnswer());
    }
    List<String> warnings = new ArrayList<>();
    texts.forEach(
        (where, text) -> {
          if (text == null) {
            return;
          }
          String lower = text.toLowerCase(Locale.ROOT);
          for (String phrase : config.blamingPhrases()) {
            if (lower.matches(
                "(?s).*\\b"
                    + java.util.regex.Pattern.quote(phrase.toLowerCase(Locale.ROOT))
                    + "\\b.*")) {
              warnings.add(
                  where
                      + " says \""
                      + phrase
                      + "\": blameless reviews ask what in the system allowed it, not who");
            }
          }
        });
    return warnings;
  }

  String url(UUID incidentId) {
    return config.publicUrl() + "/v1/reports/" + incidentId;
  }
}
