package io.firebell.console.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.console.backend.Api;
import io.firebell.console.backend.Service;
import io.firebell.console.backend.ServiceProblem;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Report and review (issue 17, page 5): the report review-service drafted when the incident
 * resolved, with its merged timeline; the cause and impact; the 5 Whys editor; the action items;
 * publishing with the blameless-language warnings; the review meeting and its .ics; the similar
 * incidents. Every rule is review-service's: a refusal is shown next to the control it concerns,
 * with what the person typed kept.
 */
@Path("/incidents/{id}/report")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ReportResource {

  /** review-service's action-item kinds, statuses and example cause categories (docs/review.md). */
  public static final List<String> KINDS =
      List.of(
          "monitoring_alerting",
          "config",
          "code",
          "review_process",
          "deploy_process",
          "architecture",
          "legacy_removal",
          "other");

  public static final List<String> STATUSES = List.of("open", "in_progress", "done", "cancelled");
  public static final List<String> HORIZONS = List.of("short", "mid", "long");
  public static final List<String> CAUSE_CATEGORIES =
      List.of(
          "deploy",
          "config",
          "capacity",
          "dependency",
          "external_partner",
          "data",
          "code",
          "infra");

  @Inject Api api;

  @Inject
  @Location("review/report.html")
  Template page;

  @Inject
  @Location("review/report-timeline.html")
  Template timeline;

  @Inject
  @Location("review/no-report.html")
  Template noReport;

  /** One why as the editor shows it: what it says (or what was typed) and what is wrong. */
  public record WhyRow(
      int n,
      String question,
      String answer,
      String evidence,
      boolean verified,
      boolean symptom,
      Map<String, String> errors) {

    public int index() {
      return n - 1;
    }

    /** The evidence links, one per line of the text. */
    public List<String> links() {
      return ReviewForms.lines(evidence);
    }

    boolean blank() {
      return question.isBlank() && answer.isBlank() && evidence.isBlank();
    }
  }

  /**
   * One action item as the page lists it; its update form shows what was typed when a change was
   * refused, else the item's values.
   */
  public record ItemRow(
      int n,
      String id,
      String title,
      String kind,
      String horizonWords,
      String owner,
      String dueAt,
      String dueDate,
      String status,
      boolean overdue,
      long version,
      String formStatus,
      String formOwner,
      String formDue,
      Map<String, String> errors,
      String problem,
      boolean stopGap,
      String rootFix,
      boolean rootFixDone,
      String formStopGap,
      String stopGapShown,
      List<Choice> stopGapChoices) {}

  /** One option of a select: its value and its words. */
  public record Choice(String value, String words) {}

  /** One review meeting of the incident. */
  public record MeetingRow(
      String id,
      String kindCode,
      String kind,
      String startsAt,
      String startsLocal,
      String endsAt,
      long durationMinutes,
      String location,
      String attendees,
      String status,
      String dueBy,
      boolean withinPolicy,
      String scheduledBy,
      String escalatedFrom,
      String escalationReason) {

    /** Whether a reviewer may escalate it: a team review that is not cancelled. */
    public boolean escalatable() {
      return "team".equals(kindCode) && !"cancelled".equals(status);
    }
  }

  /** What the forms typed and what was refused, when a submission is shown again. */
  static final class Forms {
    Map<String, String> cause;
    Map<String, String> causeErrors = Map.of();
    String causeProblem;
    List<WhyRow> whys;
    String whysProblem;
    Map<String, String> item = Map.of();
    Map<String, String> itemErrors = Map.of();
    String itemProblem;
    String updateId;
    Map<String, String> update = Map.of();
    Map<String, String> updateErrors = Map.of();
    String updateProblem;
    Map<String, String> schedule = Map.of();
    Map<String, String> scheduleErrors = Map.of();
    String scheduleProblem;
    String escalateId;
    Map<String, String> escalate = Map.of();
    Map<String, String> escalateErrors = Map.of();
    String escalateProblem;
    String publishProblem;
  }

  @GET
  public TemplateInstance report(@RestPath String id, @RestQuery String done) {
    UUID incident = incident(id);
    JsonNode report;
    try {
      report = api.get(Service.REVIEW, "/v1/reports/" + incident);
    } catch (ServiceProblem p) {
      if (p.status() != 404) {
        throw p;
      }
      // review-service drafts the report when the incident resolves; until then, say so (an
      // unknown incident is still a 404, from incident-service).
      return noReport
          .data("nav", "reviews")
          .data("incident", api.get(Service.INCIDENT, "/v1/incidents/" + incident));
    }
    return render(incident, report, done, new Forms());
  }

  /** The merged timeline alone, for the page's live region. */
  @GET
  @Path("timeline")
  public TemplateInstance timelineFragment(@RestPath String id) {
    return timeline.data("report", api.get(Service.REVIEW, "/v1/reports/" + incident(id)));
  }

  @POST
  @Path("cause")
  @RolesAllowed("reviewer")
  public Response cause(
      @RestPath String id,
      @RestForm String version,
      @RestForm String cause,
      @RestForm String causeCategory,
      @RestForm String contributingFactors,
      @RestForm String impactSummary,
      @RestForm String affectedStakeholders,
      @RestForm String impactFigures) {
    UUID incident = incident(id);
    Forms f = new Forms();
    f.cause = new LinkedHashMap<>();
    f.cause.put("cause", nz(cause));
    f.cause.put("causeCategory", nz(causeCategory));
    f.cause.put("contributingFactors", nz(contributingFactors));
    f.cause.put("impactSummary", nz(impactSummary));
    f.cause.put("affectedStakeholders", nz(affectedStakeholders));
    f.cause.put("impactFigures", nz(impactFigures));
    try {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("cause", nz(cause).trim());
      body.put("causeCategory", nz(causeCategory).trim());
      body.put("contributingFactors", ReviewForms.lines(contributingFactors));
      body.put("impactSummary", nz(impactSummary).trim());
      body.put("affectedStakeholders", ReviewForms.lines(affectedStakeholders));
      body.put("impactFigures", ReviewForms.figures(impactFigures, "impactFigures"));
      api.patch(Service.REVIEW, "/v1/reports/" + incident, body, etag(version));
      return seeOther(incident, "cause", "cause");
    } catch (ReviewForms.Unreadable u) {
      f.causeErrors = Map.of(u.control(), u.getMessage());
      f.causeProblem = "The cause and impact were not saved. Fix what is marked below.";
      return refused(422, incident, f);
    } catch (ServiceProblem p) {
      f.causeErrors = ReviewForms.byBaseField(p.fields());
      f.causeProblem =
          p.status() == 412
              ? "Someone else changed the report since you opened it. Your text is kept below:"
                  + " reload the page to see their change, then save again."
              : f.causeErrors.isEmpty()
                  ? p.words()
                  : "The cause and impact were not saved. Fix what is marked below.";
      return refused(p.status(), incident, f);
    }
  }

  @POST
  @Path("whys")
  @RolesAllowed("reviewer")
  public Response whys(
      @RestPath String id,
      @RestForm("question") List<String> questions,
      @RestForm("answer") List<String> answers,
      @RestForm("evidence") List<String> evidence,
      @RestForm("verified") List<String> verified,
      @RestForm("symptom") List<String> symptom,
      @RestForm String add) {
    UUID incident = incident(id);
    List<WhyRow> rows = typedWhys(questions, answers, evidence, verified, symptom);
    Forms f = new Forms();
    if (add != null) {
      // Another empty why to fill in; nothing is saved until "Save the 5 Whys".
      List<WhyRow> more = new ArrayList<>(rows);
      more.add(new WhyRow(rows.size() + 1, "", "", "", false, false, Map.of()));
      f.whys = more;
      return Response.ok(render(incident, null, f)).build();
    }
    List<WhyRow> sent = rows.stream().filter(r -> !r.blank()).toList();
    List<Map<String, Object>> chain = new ArrayList<>();
    for (WhyRow r : sent) {
      Map<String, Object> why = new LinkedHashMap<>();
      why.put("question", r.question().trim());
      why.put("answer", r.answer().trim());
      why.put("evidence", ReviewForms.lines(r.evidence()));
      why.put("verified", r.verified());
      why.put("customerSymptom", r.symptom());
      chain.add(why);
    }
    try {
      api.put(Service.REVIEW, "/v1/reports/" + incident + "/whys", Map.of("whys", chain));
      return seeOther(incident, "whys", "whys");
    } catch (ServiceProblem p) {
      Map<Integer, Map<String, String>> byRow = new LinkedHashMap<>();
      List<String> general = new ArrayList<>();
      p.fields()
          .forEach(
              (field, message) -> {
                ReviewForms.WhyField wf = ReviewForms.whyField(field);
                if (wf != null && wf.index() < sent.size()) {
                  byRow
                      .computeIfAbsent(sent.get(wf.index()).n(), k -> new LinkedHashMap<>())
                      .merge(wf.part(), message, (a, b) -> a + " " + b);
                } else {
                  general.add(message);
                }
              });
      List<WhyRow> shown = new ArrayList<>();
      for (WhyRow r : rows) {
        shown.add(
            new WhyRow(
                r.n(),
                r.question(),
                r.answer(),
                r.evidence(),
                r.verified(),
                r.symptom(),
                byRow.getOrDefault(r.n(), Map.of())));
      }
      f.whys = shown;
      f.whysProblem =
          !general.isEmpty()
              ? String.join(" ", general)
              : byRow.isEmpty()
                  ? p.words()
                  : "The 5 Whys were not saved. Fix what is marked below.";
      return refused(p.status(), incident, f);
    }
  }

  @POST
  @Path("action-items")
  @RolesAllowed("reviewer")
  public Response addItem(
      @RestPath String id,
      @RestForm String title,
      @RestForm String kind,
      @RestForm String horizon,
      @RestForm String owner,
      @RestForm String due,
      @RestForm String stopGap) {
    UUID incident = incident(id);
    Forms f = new Forms();
    f.item = new LinkedHashMap<>();
    f.item.put("title", nz(title));
    f.item.put("kind", nz(kind));
    f.item.put("horizon", nz(horizon));
    f.item.put("owner", nz(owner));
    f.item.put("due", nz(due));
    f.item.put("stopGap", nz(stopGap));
    try {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("title", nz(title).trim());
      body.put("kind", nz(kind).trim());
      body.put("horizon", nz(horizon).trim());
      body.put("owner", nz(owner).trim());
      Instant dueAt = ReviewForms.dueAt(due, "due");
      if (dueAt != null) {
        body.put("dueAt", dueAt.toString());
      }
      ReviewForms.putStopGap(body, stopGap, ReviewForms.NOT_A_STOP_GAP);
      api.post(Service.REVIEW, "/v1/reports/" + incident + "/action-items", body);
      return seeOther(incident, "item-added", "action-items");
    } catch (ReviewForms.Unreadable u) {
      f.itemErrors = Map.of(u.control(), u.getMessage());
      f.itemProblem = "The action item was not added. Fix what is marked below.";
      return refused(422, incident, f);
    } catch (ServiceProblem p) {
      Map<String, String> errors = itemErrors(p);
      f.itemErrors = errors;
      f.itemProblem =
          errors.isEmpty() ? p.words() : "The action item was not added. Fix what is marked below.";
      return refused(p.status(), incident, f);
    }
  }

  @POST
  @Path("action-items/{item}")
  @RolesAllowed("reviewer")
  public Response updateItem(
      @RestPath String id,
      @RestPath String item,
      @RestForm String version,
      @RestForm String status,
      @RestForm String owner,
      @RestForm String due,
      @RestForm String dueShown,
      @RestForm String stopGap,
      @RestForm String stopGapShown) {
    UUID incident = incident(id);
    UUID itemId = uuid(item, "action item");
    Forms f = new Forms();
    f.updateId = itemId.toString();
    f.update = new LinkedHashMap<>();
    f.update.put("status", nz(status));
    f.update.put("owner", nz(owner));
    f.update.put("due", nz(due));
    f.update.put("stopGap", nz(stopGap));
    try {
      Map<String, Object> body = new LinkedHashMap<>();
      if (!nz(status).isBlank()) {
        body.put("status", status.trim());
      }
      body.put("owner", nz(owner).trim());
      if (!nz(due).isBlank() && !due.trim().equals(nz(dueShown).trim())) {
        body.put("dueAt", ReviewForms.dueAt(due, "due").toString());
      }
      ReviewForms.putStopGap(body, stopGap, stopGapShown);
      api.patch(Service.REVIEW, "/v1/action-items/" + itemId, body, etag(version));
      return seeOther(incident, "item-updated", "action-items");
    } catch (ReviewForms.Unreadable u) {
      f.updateErrors = Map.of(u.control(), u.getMessage());
      f.updateProblem = "The action item was not changed. Fix what is marked below.";
      return refused(422, incident, f);
    } catch (ServiceProblem p) {
      Map<String, String> errors = itemErrors(p);
      f.updateErrors = errors;
      f.updateProblem =
          p.status() == 412
              ? "Someone else changed this action item since you opened the page. Reload the page"
                  + " to see their change, then try again."
              : errors.isEmpty()
                  ? p.words()
                  : "The action item was not changed. Fix what is marked below.";
      return refused(p.status(), incident, f);
    }
  }

  @POST
  @Path("publish")
  @RolesAllowed("reviewer")
  public Response publish(@RestPath String id) {
    UUID incident = incident(id);
    try {
      api.post(Service.REVIEW, "/v1/reports/" + incident + "/publish", null);
      return seeOther(incident, "published", "publish");
    } catch (ServiceProblem p) {
      Forms f = new Forms();
      f.publishProblem = p.words();
      return refused(p.status(), incident, f);
    }
  }

  @POST
  @Path("review")
  @RolesAllowed("reviewer")
  public Response schedule(
      @RestPath String id,
      @RestForm String start,
      @RestForm String zone,
      @RestForm String attendees) {
    UUID incident = incident(id);
    Forms f = new Forms();
    f.schedule = new LinkedHashMap<>();
    f.schedule.put("start", nz(start));
    f.schedule.put("zone", nz(zone));
    f.schedule.put("attendees", nz(attendees));
    try {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("incidentId", incident.toString());
      api.post(Service.REVIEW, "/v1/reviews", ReviewForms.meeting(body, start, zone, attendees));
      return seeOther(incident, "scheduled", "review");
    } catch (ReviewForms.Unreadable u) {
      f.scheduleErrors = Map.of(u.control(), u.getMessage());
      f.scheduleProblem = "The review was not scheduled. Fix what is marked below.";
      return refused(422, incident, f);
    } catch (ServiceProblem p) {
      Map<String, String> errors =
          ReviewForms.meetingErrors(p.status(), p.fields(), p.words(), start);
      f.scheduleErrors = errors;
      f.scheduleProblem =
          errors.isEmpty() ? p.words() : "The review was not scheduled. Fix what is marked below.";
      return refused(p.status(), incident, f);
    }
  }

  /**
   * Escalates a team review to an organisation-wide review of the same incident (review-service
   * books it by its escalation policy and links the two); the reason is required.
   */
  @POST
  @Path("review/{review}/escalate")
  @RolesAllowed("reviewer")
  public Response escalate(
      @RestPath String id,
      @RestPath String review,
      @RestForm String reason,
      @RestForm String start,
      @RestForm String zone,
      @RestForm String attendees) {
    UUID incident = incident(id);
    UUID reviewId = uuid(review, "review");
    Forms f = new Forms();
    f.escalateId = reviewId.toString();
    f.escalate = new LinkedHashMap<>();
    f.escalate.put("reason", nz(reason));
    f.escalate.put("start", nz(start));
    f.escalate.put("zone", nz(zone));
    f.escalate.put("attendees", nz(attendees));
    try {
      api.post(
          Service.REVIEW,
          "/v1/reviews/" + reviewId + "/escalate",
          ReviewForms.escalation(reason, start, zone, attendees));
      return seeOther(incident, "escalated", "review");
    } catch (ReviewForms.Unreadable u) {
      f.escalateErrors = Map.of(u.control(), u.getMessage());
      f.escalateProblem = "The review was not escalated. Fix what is marked below.";
      return refused(422, incident, f);
    } catch (ServiceProblem p) {
      Map<String, String> errors =
          ReviewForms.meetingErrors(p.status(), p.fields(), p.words(), start);
      f.escalateErrors = errors;
      f.escalateProblem =
          errors.isEmpty() ? p.words() : "The review was not escalated. Fix what is marked below.";
      return refused(p.status(), incident, f);
    }
  }

  private TemplateInstance render(UUID incident, String done, Forms f) {
    return render(incident, api.get(Service.REVIEW, "/v1/reports/" + incident), done, f);
  }

  private TemplateInstance render(UUID incident, JsonNode report, String done, Forms f) {
    return page(
        report,
        api.get(Service.REVIEW, "/v1/action-items?overdue=true&limit=1000&incidentId=" + incident),
        api.get(Service.REVIEW, "/v1/reviews?incidentId=" + incident),
        api.get(Service.REVIEW, "/v1/incidents/" + incident + "/similar"),
        done,
        f);
  }

  /**
   * The report page for review-service's answers: the report, its overdue action items, the
   * incident's reviews and the similar incidents.
   */
  TemplateInstance page(
      JsonNode report,
      JsonNode overdueItems,
      JsonNode meetings,
      JsonNode similar,
      String done,
      Forms f) {
    Set<String> overdue = new HashSet<>();
    overdueItems.forEach(i -> overdue.add(i.path("id").asText()));

    Map<String, Integer> numbers = new LinkedHashMap<>();
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    for (JsonNode i : report.path("actionItems")) {
      numbers.put(i.path("id").asText(), numbers.size() + 1);
      byId.put(i.path("id").asText(), i);
    }
    List<ItemRow> items = new ArrayList<>();
    int n = 0;
    for (JsonNode i : report.path("actionItems")) {
      n++;
      String itemId = i.path("id").asText();
      boolean failed = itemId.equals(f.updateId);
      String dueDate = ReviewForms.date(i.path("dueAt").asText(null));
      boolean stopGap = i.path("stopGap").asBoolean();
      String rootFixId = i.path("rootFixId").asText(null);
      JsonNode rootFix = rootFixId == null ? null : byId.get(rootFixId);
      String stopGapShown = ReviewForms.stopGapChoice(stopGap, rootFixId);
      items.add(
          new ItemRow(
              n,
              itemId,
              i.path("title").asText(),
              i.path("kind").asText(),
              ReviewForms.horizon(i.path("horizon").asText()),
              i.path("owner").asText(),
              i.path("dueAt").asText(null),
              dueDate,
              i.path("status").asText(),
              overdue.contains(itemId),
              i.path("version").asLong(),
              failed ? f.update.get("status") : i.path("status").asText(),
              failed ? f.update.get("owner") : i.path("owner").asText(),
              failed ? f.update.get("due") : dueDate,
              failed ? f.updateErrors : Map.of(),
              failed ? f.updateProblem : null,
              stopGap,
              rootFix == null
                  ? null
                  : "item " + numbers.get(rootFixId) + ": " + rootFix.path("title").asText(),
              rootFix != null && "done".equals(rootFix.path("status").asText()),
              failed ? f.update.get("stopGap") : stopGapShown,
              stopGapShown,
              stopGapChoices(itemId, stopGap, rootFixId, report.path("actionItems"), numbers)));
    }

    List<MeetingRow> rows = new ArrayList<>();
    MeetingRow scheduled = null;
    boolean orgWide = false;
    for (JsonNode m : meetings) {
      MeetingRow row =
          new MeetingRow(
              m.path("id").asText(),
              m.path("kind").asText(),
              ReviewForms.meetingKind(m.path("kind").asText()),
              m.path("startsAt").asText(null),
              ReviewForms.local(m.path("startsAt").asText(null), m.path("timeZone").asText(null)),
              m.path("endsAt").asText(null),
              m.path("durationMinutes").asLong(),
              m.path("location").asText(),
              String.join(", ", strings(m.path("attendees"))),
              m.path("status").asText(),
              m.path("dueBy").asText(null),
              m.path("withinPolicy").asBoolean(),
              m.path("scheduledBy").asText(),
              m.path("escalatedFrom").asText(null),
              m.path("escalationReason").asText(null));
      rows.add(row);
      if ("scheduled".equals(row.status())) {
        scheduled = row;
      }
      if ("org_wide".equals(row.kindCode()) && !"cancelled".equals(row.status())) {
        orgWide = true;
      }
    }

    Map<String, String> cause = f.cause;
    if (cause == null) {
      cause = new LinkedHashMap<>();
      cause.put("cause", report.path("cause").asText(""));
      cause.put("causeCategory", report.path("causeCategory").asText(""));
      cause.put(
          "contributingFactors", ReviewForms.text(strings(report.path("contributingFactors"))));
      cause.put("impactSummary", report.path("impactSummary").asText(""));
      cause.put(
          "affectedStakeholders", ReviewForms.text(strings(report.path("affectedStakeholders"))));
      Map<String, Object> figures = new LinkedHashMap<>();
      report
          .path("impactFigures")
          .fields()
          .forEachRemaining(e -> figures.put(e.getKey(), e.getValue()));
      cause.put("impactFigures", ReviewForms.figuresText(figures));
    }

    List<WhyRow> chain = new ArrayList<>();
    for (JsonNode w : report.path("whys")) {
      chain.add(
          new WhyRow(
              chain.size() + 1,
              w.path("question").asText(""),
              w.path("answer").asText(""),
              ReviewForms.text(strings(w.path("evidence"))),
              w.path("verified").asBoolean(),
              w.path("customerSymptom").asBoolean(),
              Map.of()));
    }
    List<WhyRow> whys = f.whys;
    if (whys == null) {
      whys = new ArrayList<>(chain);
      // One empty why at the end to write the next one in (the first one, on a new report).
      whys.add(new WhyRow(whys.size() + 1, "", "", "", false, whys.isEmpty(), Map.of()));
    }

    List<String> warnings = new ArrayList<>();
    report.path("blamelessWarnings").forEach(w -> warnings.add(ReviewForms.warning(w.asText())));

    return page.data("nav", "reviews")
        .data("report", report)
        .data("toDetect", DashboardResource.duration(report.path("facts").path("secondsToDetect")))
        .data("gapWhy", DashboardResource.gapWhy(report.path("detectionGap")))
        .data("monitoringItems", monitoringItems(report.path("actionItems")))
        .data(
            "toResolve", DashboardResource.duration(report.path("facts").path("secondsToResolve")))
        .data("nextVersion", report.path("publishedVersion").asInt() + 1)
        .data("warnings", warnings)
        .data("done", done)
        .data("items", items)
        .data(
            "newItemStopGapChoices",
            stopGapChoices(null, false, null, report.path("actionItems"), numbers))
        .data("meetings", rows)
        .data("scheduled", scheduled)
        .data("similar", similar)
        .data("kinds", KINDS)
        .data("statuses", STATUSES)
        .data("horizons", HORIZONS)
        .data("causeCategories", CAUSE_CATEGORIES)
        .data("cause", cause)
        .data("causeErrors", f.causeErrors)
        .data("causeProblem", f.causeProblem)
        .data("whys", whys)
        .data("chain", chain)
        .data("factors", strings(report.path("contributingFactors")))
        .data("figures", figureLines(report.path("impactFigures")))
        .data("whysProblem", f.whysProblem)
        .data("item", f.item)
        .data("itemErrors", f.itemErrors)
        .data("itemProblem", f.itemProblem)
        .data("schedule", f.schedule)
        .data("scheduleErrors", f.scheduleErrors)
        .data("scheduleProblem", f.scheduleProblem)
        .data("orgWide", orgWide)
        .data("escalateId", f.escalateId)
        .data("escalate", f.escalate)
        .data("escalateErrors", f.escalateErrors)
        .data("escalateProblem", f.escalateProblem)
        .data("publishProblem", f.publishProblem);
  }

  /** What the detection gap says of the report's monitoring action items, or null for none. */
  static String monitoringItems(JsonNode items) {
    List<String> titles = new ArrayList<>();
    items.forEach(
        i -> {
          if ("monitoring_alerting".equals(i.path("kind").asText())) {
            titles.add(i.path("title").asText());
          }
        });
    return titles.isEmpty() ? null : "Monitoring action items so far: " + String.join("; ", titles);
  }

  /**
   * The stop-gap choices of one item: not a stop-gap; a stop-gap whose root fix is not an item yet
   * (unless it already names one: the API keeps a link until the item stops being a stop-gap); or a
   * stop-gap of each other item of the report that is not a stop-gap itself (the API's rule for a
   * root fix).
   */
  static List<Choice> stopGapChoices(
      String itemId,
      boolean stopGap,
      String rootFixId,
      JsonNode reportItems,
      Map<String, Integer> numbers) {
    List<Choice> choices = new ArrayList<>();
    choices.add(new Choice(ReviewForms.NOT_A_STOP_GAP, "Not a stop-gap"));
    if (!stopGap || rootFixId == null) {
      choices.add(
          new Choice(ReviewForms.ROOT_FIX_MISSING, "A stop-gap; its root fix is not an item yet"));
    }
    for (JsonNode other : reportItems) {
      String otherId = other.path("id").asText();
      if (otherId.equals(itemId) || other.path("stopGap").asBoolean()) {
        continue;
      }
      choices.add(
          new Choice(
              otherId,
              "A stop-gap until item "
                  + numbers.get(otherId)
                  + " is done: "
                  + other.path("title").asText()));
    }
    return choices;
  }

  /**
   * An action item's refusal under the form's controls ({@code dueAt} → due, {@code rootFixId} →
   * stopGap).
   */
  private static Map<String, String> itemErrors(ServiceProblem p) {
    Map<String, String> errors = ReviewForms.byBaseField(p.fields());
    if (errors.containsKey("dueAt")) {
      errors.put("due", errors.remove("dueAt"));
    }
    if (errors.containsKey("rootFixId")) {
      errors.put("stopGap", errors.remove("rootFixId"));
    }
    return errors;
  }

  private Response refused(int serviceStatus, UUID incident, Forms f) {
    int status =
        serviceStatus == 403 || serviceStatus == 409 || serviceStatus == 412
            ? (serviceStatus == 412 ? 409 : serviceStatus)
            : 422;
    return Response.status(status).entity(render(incident, null, f)).build();
  }

  private static Response seeOther(UUID incident, String done, String anchor) {
    return Response.seeOther(
            URI.create("/incidents/" + incident + "/report?done=" + done + "#" + anchor))
        .build();
  }

  static List<WhyRow> typedWhys(
      List<String> questions,
      List<String> answers,
      List<String> evidence,
      List<String> verified,
      List<String> symptom) {
    int count = Math.max(size(questions), Math.max(size(answers), size(evidence)));
    Set<String> checked = new HashSet<>(verified == null ? List.of() : verified);
    Set<String> symptoms = new HashSet<>(symptom == null ? List.of() : symptom);
    List<WhyRow> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(
          new WhyRow(
              i + 1,
              at(questions, i),
              at(answers, i),
              at(evidence, i),
              checked.contains(String.valueOf(i)),
              symptoms.contains(String.valueOf(i)),
              Map.of()));
    }
    return rows;
  }

  private static int size(List<String> l) {
    return l == null ? 0 : l.size();
  }

  private static String at(List<String> l, int i) {
    return l != null && i < l.size() && l.get(i) != null ? l.get(i) : "";
  }

  private static List<String> figureLines(JsonNode figures) {
    List<String> lines = new ArrayList<>();
    figures.fields().forEachRemaining(e -> lines.add(e.getKey() + ": " + e.getValue().asText()));
    return lines;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }

  private static String etag(String version) {
    return version == null || version.isBlank() ? null : "\"" + version.trim() + "\"";
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  static UUID incident(String id) {
    return uuid(id, "incident");
  }

  static UUID uuid(String id, String what) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ServiceProblem(
          404, "No such " + what, "There is no " + what + " " + id + ".", Map.of());
    }
  }
}
