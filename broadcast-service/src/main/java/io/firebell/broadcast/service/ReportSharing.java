package io.firebell.broadcast.service;

import io.firebell.broadcast.model.Audience;
import io.firebell.broadcast.model.ReportShare;
import io.firebell.broadcast.repository.IncidentRepository;
import io.firebell.broadcast.repository.ReportShareRepository;
import io.firebell.contracts.review.ReportPublished;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Shares every published review report with the development organisation: a short message with the
 * title, the abstract and the link, to the endpoints subscribed to {@code dev_org} (their filters
 * apply). Blameless by construction: the message names no person.
 */
@ApplicationScoped
public class ReportSharing {

  public static final String KIND = "report_share";

  private final ReportShareRepository shares;
  private final IncidentRepository incidents;
  private final Fanout fanout;
  private final Clock clock;

  public ReportSharing(
      ReportShareRepository shares, IncidentRepository incidents, Fanout fanout, Clock clock) {
    this.shares = shares;
    this.incidents = incidents;
    this.fanout = fanout;
    this.clock = clock;
  }

  /** Runs inside the consumer's inbox transaction; a version already shared is not shared again. */
  @WithSpan("ReportSharing.published")
  public Uni<Void> published(ReportPublished e) {
    return shares
        .count("incidentId = ?1 and version = ?2", e.incidentId(), e.version())
        .chain(
            existing -> {
              if (existing > 0) {
                return Uni.createFrom().voidItem();
              }
              return incidents
                  .findById(e.incidentId())
                  .chain(
                      incident -> {
                        List<String> domains = incident == null ? List.of() : incident.domains();
                        Fanout.Subject subject =
                            new Fanout.Subject(e.services(), domains, e.severity());
                        UUID id = UUID.randomUUID();
                        String text = text(e);
                        return fanout
                            .listeners(List.of(Audience.DEV_ORG), subject)
                            .chain(
                                listeners ->
                                    fanout.send(
                                        KIND, id, e.incidentId(), listeners, k -> content(e, text)))
                            .chain(
                                count ->
                                    shares.persist(
                                        new ReportShare(
                                            id,
                                            e.incidentId(),
                                            e.version(),
                                            e.title(),
                                            e.url(),
                                            count,
                                            Instant.now(clock))))
                            .replaceWithVoid();
                      });
            });
  }

  static String text(ReportPublished e) {
    StringBuilder s =
        new StringBuilder("Incident report published: ")
            .append(e.title())
            .append(e.version() > 1 ? " (version " + e.version() + ")" : "");
    if (e.severity() != null) {
      s.append("\nGrade ").append(e.severity());
      if (!e.services().isEmpty()) {
        s.append(" · ").append(String.join(", ", e.services()));
      }
    }
    if (e.summary() != null && !e.summary().isBlank()) {
      s.append("\n").append(e.summary().strip());
    }
    if (e.url() != null) {
      s.append("\nRead it: ").append(e.url());
    }
    return s.toString();
  }

  private static ChannelBodies.Content content(ReportPublished e, String text) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("incidentId", e.incidentId());
    fields.put("version", e.version());
    fields.put("title", e.title());
    fields.put("severity", e.severity());
    fields.put("services", e.services());
    fields.put("summary", e.summary());
    fields.put("url", e.url());
    fields.put("publishedAt", e.publishedAt());
    return new ChannelBodies.Content(KIND, text, e.url(), "Read the report", fields);
  }
}
