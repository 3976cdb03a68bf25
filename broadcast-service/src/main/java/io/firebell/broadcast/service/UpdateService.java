package io.firebell.broadcast.service;

import io.firebell.broadcast.config.CommsConfig;
import io.firebell.broadcast.model.Announcement;
import io.firebell.broadcast.model.Audience;
import io.firebell.broadcast.model.GlossaryTerm;
import io.firebell.broadcast.model.Incident;
import io.firebell.broadcast.model.StakeholderUpdate;
import io.firebell.broadcast.repository.AnnouncementRepository;
import io.firebell.broadcast.repository.AudienceRepository;
import io.firebell.broadcast.repository.IncidentRepository;
import io.firebell.broadcast.repository.StakeholderUpdateRepository;
import io.firebell.broadcast.repository.SubscriptionRepository.Listener;
import io.firebell.platform.outbox.Outbox;
import io.firebell.platform.problem.Problem;
import io.firebell.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Structured stakeholder updates: checked (the three-item rule for external audiences, the
 * separation of recovery and communication, the jargon policy), rendered per audience, persisted,
 * published as {@code update.published} and queued for every matching endpoint, all in one
 * transaction.
 */
@ApplicationScoped
public class UpdateService {

  public static final String KIND = "update";
  private static final Pattern URL = Pattern.compile("https?://\\S+");

  private final IncidentRepository incidents;
  private final AudienceRepository audiences;
  private final StakeholderUpdateRepository updates;
  private final AnnouncementRepository announcements;
  private final GlossaryService glossary;
  private final MessageRenderer renderer;
  private final Fanout fanout;
  private final Outbox outbox;
  private final CommsConfig config;
  private final MeterRegistry registry;
  private final Clock clock;

  public UpdateService(
      IncidentRepository incidents,
      AudienceRepository audiences,
      StakeholderUpdateRepository updates,
      AnnouncementRepository announcements,
      GlossaryService glossary,
      MessageRenderer renderer,
      Fanout fanout,
      Outbox outbox,
      CommsConfig config,
      MeterRegistry registry,
      Clock clock) {
    this.incidents = incidents;
    this.audiences = audiences;
    this.updates = updates;
    this.announcements = announcements;
    this.glossary = glossary;
    this.renderer = renderer;
    this.fanout = fanout;
    this.outbox = outbox;
    this.config = config;
    this.registry = registry;
    this.clock = clock;
  }

  /**
   * Who posts: every name the caller is known by (principal, subject, preferred user name), matched
   * against the person incident-service names as recovery lead.
   */
  public record Caller(String name, Set<String> aliases) {

    /** The caller behind {@code identity}, with the names their token carries. */
    public static Caller of(SecurityIdentity identity) {
      Set<String> aliases = new LinkedHashSet<>();
      if (identity.getPrincipal() instanceof JsonWebToken jwt) {
        for (String claim : List.of("sub", "upn", "preferred_username")) {
          Object value = jwt.getClaim(claim);
          if (value instanceof jakarta.json.JsonString json) {
            aliases.add(json.getString());
          } else if (value instanceof String text) {
            aliases.add(text);
          }
        }
      }
      return new Caller(identity.getPrincipal().getName(), aliases);
    }

    boolean is(String person) {
      if (person == null) {
        return false;
      }
      String p = person.strip().toLowerCase(Locale.ROOT);
      return name.toLowerCase(Locale.ROOT).equals(p)
          || aliases.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(p));
    }
  }

  /** One audience's text. */
  public record Text(String audience, String scope, String register, String text) {}

  /**
   * A rendering of a draft.
   *
   * @param missing what the three-item rule finds missing (empty when the draft may be published)
   * @param recipients how many endpoints it goes (or would go) to
   */
  public record Rendering(
      Incident incident,
      List<Text> texts,
      List<JargonCheck.Finding> findings,
      List<String> missing,
      int recipients) {}

  /** A published update with its rendering. */
  public record Published(StakeholderUpdate update, Rendering rendering) {}

  /** What a draft lacks; {@code recoveryUnknown} is the communicator's explicit "we don't know". */
  public record Checked(StakeholderUpdate.Draft draft, boolean recoveryUnknown) {}

  @WithSpan("UpdateService.publish")
  public Uni<Published> publish(UUID incidentId, Checked checked, Caller caller) {
    StakeholderUpdate.Draft draft = checked.draft();
    return Panache.withTransaction(
            () ->
                prepare(incidentId, checked)
                    .chain(
                        prepared -> {
                          Incident incident = prepared.rendering().incident();
                          refuseRecoveryLead(incident, caller);
                          refuseIncomplete(prepared);
                          refuseJargon(prepared.rendering().findings());
                          Map<String, String> texts = new LinkedHashMap<>();
                          prepared
                              .rendering()
                              .texts()
                              .forEach(t -> texts.put(t.audience(), t.text()));
                          boolean external =
                              prepared.audiences().stream().anyMatch(Audience::external);
                          StakeholderUpdate update =
                              new StakeholderUpdate(
                                  UUID.randomUUID(),
                                  incidentId,
                                  draft,
                                  external,
                                  caller.name(),
                                  prepared.listeners().size(),
                                  texts,
                                  Instant.now(clock));
                          return updates
                              .persist(update)
                              .chain(() -> outbox.append(update.published()))
                              .chain(
                                  () ->
                                      fanout.send(
                                          KIND,
                                          update.id(),
                                          incidentId,
                                          prepared.listeners(),
                                          key -> content(incident, update, texts.get(key))))
                              .replaceWith(new Published(update, prepared.rendering()));
                        }))
        .invoke(p -> registry.counter("firebell.broadcast.updates.published").increment());
  }

  /** Renders a draft as it would be published, without persisting or sending anything. */
  @WithSession
  @WithSpan("UpdateService.preview")
  public Uni<Rendering> preview(UUID incidentId, Checked checked) {
    return prepare(incidentId, checked).map(Prepared::rendering);
  }

  /** The communication timeline of an incident: its announcements and updates, oldest first. */
  @WithSession
  @WithSpan("UpdateService.timeline")
  public Uni<Timeline> timeline(UUID incidentId) {
    return incident(incidentId)
        .chain(
            incident ->
                announcements
                    .list("incidentId = ?1 order by sentAt, id", incidentId)
                    .chain(
                        sent ->
                            updates
                                .list("incidentId = ?1 order by publishedAt, id", incidentId)
                                .map(published -> new Timeline(incident, sent, published))));
  }

  /** An incident's announcements and updates. */
  public record Timeline(
      Incident incident, List<Announcement> announcements, List<StakeholderUpdate> updates) {}

  private record Prepared(
      List<Audience> audiences, List<Listener> listeners, Rendering rendering) {}

  private Uni<Prepared> prepare(UUID incidentId, Checked checked) {
    StakeholderUpdate.Draft draft = checked.draft();
    return incident(incidentId)
        .chain(
            incident ->
                targets(draft.audiences())
                    .chain(
                        targets ->
                            glossary
                                .all()
                                .chain(
                                    terms ->
                                        fanout
                                            .listeners(
                                                draft.audiences(), FireAlarm.subject(incident))
                                            .map(
                                                listeners ->
                                                    new Prepared(
                                                        targets,
                                                        listeners,
                                                        render(
                                                            incident,
                                                            checked,
                                                            targets,
                                                            terms,
                                                            listeners.size()))))));
  }

  private Uni<Incident> incident(UUID id) {
    return incidents
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("incident", id));
  }

  /** The target audiences in the order given; an unknown key is a 422. */
  private Uni<List<Audience>> targets(List<String> keys) {
    return audiences
        .list("key in ?1", keys)
        .map(
            found -> {
              Map<String, Audience> byKey =
                  found.stream().collect(Collectors.toMap(Audience::key, a -> a));
              List<String> unknown = keys.stream().filter(k -> !byKey.containsKey(k)).toList();
              if (!unknown.isEmpty()) {
                throw new ProblemException(
                    422,
                    "unknown-audience",
                    "Unknown audience",
                    "no such audience: " + String.join(", ", unknown),
                    unknown.stream()
                        .map(k -> new Problem.FieldError("audiences", k + " is not an audience"))
                        .toList());
              }
              return keys.stream().map(byKey::get).toList();
            });
  }

  private Rendering render(
      Incident incident,
      Checked checked,
      List<Audience> targets,
      List<GlossaryTerm> terms,
      int recipients) {
    StakeholderUpdate.Draft draft = checked.draft();
    Map<String, String> byRegister = new LinkedHashMap<>();
    List<Text> texts = new ArrayList<>();
    List<JargonCheck.Finding> findings = new ArrayList<>();
    for (Audience a : targets) {
      String text =
          byRegister.computeIfAbsent(
              MessageRenderer.templateKey(a), k -> renderer.update(a, incident, draft));
      texts.add(new Text(a.key(), a.scope(), a.register(), text));
      if (Audience.SERVICE.equals(a.register())) {
        findings.addAll(JargonCheck.check(a.key(), withoutLinks(text), terms));
      }
    }
    boolean external = targets.stream().anyMatch(Audience::external);
    return new Rendering(incident, texts, findings, missing(checked, external), recipients);
  }

  /**
   * The three-item rule: status always; for any external audience also an expected recovery (a
   * time, or explicitly unknown with the time of the next update) and at least one follow-up.
   */
  static List<String> missing(Checked checked, boolean external) {
    StakeholderUpdate.Draft d = checked.draft();
    List<String> missing = new ArrayList<>();
    if (d.status() == null) {
      missing.add("status");
    }
    if (external) {
      boolean recovery =
          d.expectedRecoveryAt() != null || (checked.recoveryUnknown() && d.nextUpdateAt() != null);
      if (!recovery) {
        missing.add("expectedRecovery");
      }
      if (d.followUpActions().isEmpty()) {
        missing.add("followUpActions");
      }
    }
    return missing;
  }

  private static final Map<String, String> MISSING =
      Map.of(
          "status", "the current status (investigating, identified, monitoring or resolved)",
          "expectedRecovery",
              "the expected recovery time (expectedRecoveryAt), or recoveryUnknown=true with the"
                  + " time of the next update (nextUpdateAt)",
          "followUpActions",
              "at least one follow-up action (what happens to affected orders, payments,"
                  + " compensation)");

  private static void refuseIncomplete(Prepared prepared) {
    List<String> missing = prepared.rendering().missing();
    if (missing.isEmpty()) {
      return;
    }
    List<String> external =
        prepared.audiences().stream().filter(Audience::external).map(Audience::key).toList();
    String why =
        external.isEmpty()
            ? "an update needs its status"
            : "an update to external audiences ("
                + String.join(", ", external)
                + ") needs all three of status, expected recovery and follow-up actions";
    throw new ProblemException(
        422,
        "incomplete-update",
        "Incomplete update",
        why + "; missing: " + String.join(", ", missing),
        missing.stream()
            .map(m -> new Problem.FieldError(m, "missing: " + MISSING.get(m)))
            .toList());
  }

  /** The incident's recovery lead restores service; someone else communicates (403). */
  public static void refuseRecoveryLead(Incident incident, Caller caller) {
    if (caller.is(incident.recoveryLead())) {
      String lead =
          incident.communicationsLead() == null
              ? "the communications lead"
              : "the communications lead (" + incident.communicationsLead() + ")";
      throw ProblemException.forbidden(
          "you are the recovery lead of "
              + incident.reference()
              + ": recovery and communication are done by different people, so "
              + lead
              + " posts the updates while you restore service");
    }
  }

  private void refuseJargon(List<JargonCheck.Finding> findings) {
    if (findings.isEmpty() || config.jargonPolicy() != CommsConfig.JargonPolicy.BLOCK) {
      return;
    }
    List<Problem.FieldError> errors =
        findings.stream()
            .sorted(Comparator.comparing(JargonCheck.Finding::audience))
            .map(
                f ->
                    new Problem.FieldError(
                        "texts." + f.audience(),
                        "\""
                            + f.found()
                            + "\" at "
                            + f.position()
                            + " is a system term; say "
                            + f.suggestion()))
            .toList();
    String terms =
        findings.stream()
            .map(JargonCheck.Finding::term)
            .distinct()
            .collect(Collectors.joining(", "));
    throw new ProblemException(
        422,
        "jargon",
        "System terms in service language",
        "the service-register texts use system terms ("
            + terms
            + "); the jargon policy blocks them",
        errors);
  }

  /** Links are not prose: a host name such as api.example.com is no jargon. */
  private static String withoutLinks(String text) {
    Matcher m = URL.matcher(text);
    StringBuilder out = new StringBuilder(text);
    while (m.find()) {
      for (int i = m.start(); i < m.end(); i++) {
        out.setCharAt(i, ' ');
      }
    }
    return out.toString();
  }

  private ChannelBodies.Content content(Incident i, StakeholderUpdate u, String text) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", u.id());
    fields.put("incidentId", i.id());
    fields.put("reference", i.reference());
    fields.put("status", u.status());
    fields.put("impact", u.impact());
    fields.put("expectedRecoveryAt", u.expectedRecoveryAt());
    fields.put("nextUpdateAt", u.nextUpdateAt());
    fields.put("followUpActions", u.followUpActions());
    fields.put("publishedAt", u.publishedAt());
    fields.put("statusPageUrl", renderer.statusPageUrl());
    return new ChannelBodies.Content(KIND, text, renderer.statusPageUrl(), "Live status", fields);
  }
}
