package io.firebell.console.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.client.Http;
import io.firebell.console.auth.Accounts;
import io.firebell.console.backend.Api;
import io.firebell.console.backend.Service;
import io.firebell.console.backend.ServiceProblem;
import io.firebell.console.incidents.IncidentsResource;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The incident room: status and severity with the moves incident-service allows, the times, roles
 * (with the separation rule's refusal in the form and the admin's audited override), the war room,
 * the live timeline with the fire alarm and stakeholder updates from broadcast-service, and the
 * recovery playbook — what to do first (with whether traffic surged, which the responder says),
 * rollback candidates of the last 24 h, scale-out, isolate, failover, hotfix with its gate. Every
 * rule stays in the services; the room shows their refusals in words.
 */
// A literal (deploy-tests read every page path from the sources): {id} is a UUID, so that
// /incidents/list stays the list's.
@Path(
    "/incidents/{id: [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class RoomResource {

  static final String UUID =
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

  /** The action kinds incident-service records (the playbook's order). */
  static final List<String> KINDS =
      List.of(
          "scale_out",
          "rollback",
          "hotfix",
          "replace",
          "isolate",
          "failover",
          "restart",
          "config_change",
          "other");

  /** The forms that record an action; a rollback candidate's form is {@code rollback-<change>}. */
  private static final Set<String> ACTION_FORMS =
      Set.of("scaleout", "isolate", "failover", "hotfix", "other");

  private static final Pattern ROLLBACK_FORM = Pattern.compile("rollback-" + UUID);

  /** The traffic-surge form's choices and the value each sends ({@code unknown}: null). */
  private static final Map<String, Boolean> SURGE = surgeChoices();

  private static Map<String, Boolean> surgeChoices() {
    Map<String, Boolean> choices = new LinkedHashMap<>();
    choices.put("true", Boolean.TRUE);
    choices.put("false", Boolean.FALSE);
    choices.put("unknown", null);
    return choices;
  }

  /** What the notice line says after a form went through ({@code ?done=…}). */
  private static final Map<String, String> DONE =
      Map.ofEntries(
          Map.entry("status", "Status changed."),
          Map.entry("severity", "Severity changed."),
          Map.entry("details", "Details saved."),
          Map.entry("surge", "Traffic surge saved: the suggestion below follows it."),
          Map.entry("role", "Role assigned."),
          Map.entry("joined", "Joined the war room."),
          Map.entry("note", "Note added to the timeline."),
          Map.entry("action", "Recovery action recorded."),
          Map.entry("rollback", "Rollback recorded."),
          Map.entry("moved", "Recovery action updated."),
          Map.entry("reviewed", "Pair review recorded."),
          Map.entry("verified", "Beta verification recorded."));

  private static final String STALE =
      "Someone changed this incident since you opened the page. The facts above are the current"
          + " ones; submit again to apply your change over them.";

  @Inject Api api;
  @Inject Accounts accounts;

  @Inject
  @Location("room/room.html")
  Template room;

  @Inject
  @Location("room/facts.html")
  Template facts;

  @Inject
  @Location("room/timeline.html")
  Template timeline;

  @Inject
  @Location("room/participants.html")
  Template participants;

  /** A role of the incident, who holds it, and whether the separation rule concerns it. */
  @TemplateData
  public record RoleRow(String role, String label, String holder, boolean separated) {

    /** The name of this role's form. */
    public String formName() {
      return "role-" + role;
    }

    /** The button's text: {@code Assign recovery lead}. */
    public String button() {
      return "Assign " + label.toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A person the room offers for a role: a console account. */
  @TemplateData
  public record PersonOption(String username, String displayName) {}

  /** A legal move of the incident and whether it needs the recovery method. */
  @TemplateData
  public record Move(String to, String label, boolean needsRecoveryMethod) {}

  /** The moves offered; {@code known} is false when the service could not say (see moves()). */
  @TemplateData
  public record Moves(List<Move> allowed, List<String> recoveryMethods, boolean known) {

    public boolean recoveryMethodField() {
      return !known || allowed.stream().anyMatch(Move::needsRecoveryMethod);
    }

    boolean needs(String to) {
      return allowed.stream().anyMatch(m -> m.to().equals(to) && m.needsRecoveryMethod());
    }
  }

  /** A recovery action and the moves its buttons offer. */
  @TemplateData
  public record ActionRow(JsonNode action, String label, List<Move> steps) {

    /** The name of this action's forms (their refusals show next to it). */
    public String formName() {
      return "action-" + action.path("id").asText();
    }

    public String id() {
      return action.path("id").asText();
    }
  }

  /** A rollback candidate, how long before the incident it happened, and its rollback if any. */
  @TemplateData
  public record CandidateRow(JsonNode candidate, String before, String path, JsonNode rollback) {

    /** The name of this candidate's Record rollback form. */
    public String formName() {
      return "rollback-" + candidate.path("change").path("id").asText();
    }

    /** Whether a rollback of this change is recorded and did not fail. */
    public boolean rolledBack() {
      return rollback != null && !rollback.path("status").asText().equals("failed");
    }
  }

  /** A dependency the candidates followed, and the chain that reaches it. */
  @TemplateData
  public record Dependency(String service, String chain) {}

  // ---------------------------------------------------------------------------------- pages

  @GET
  public TemplateInstance room(@PathParam("id") String id, @RestQuery String done) {
    return page(id, Form.NONE).data("done", done == null ? null : DONE.get(done));
  }

  /** The facts alone (status, severity, times, roles): a live region of the room. */
  @GET
  @Path("facts")
  public TemplateInstance factsFragment(@PathParam("id") String id) {
    return facts.data("incident", api.get(Service.INCIDENT, "/v1/incidents/" + id));
  }

  /** The timeline alone: a live region of the room, re-read on every change of the incident. */
  @GET
  @Path("timeline")
  public TemplateInstance timelineFragment(@PathParam("id") String id) {
    return withTimeline(timeline.instance(), id);
  }

  /** The war room's people alone: a live region of the room. */
  @GET
  @Path("participants")
  public TemplateInstance participantsFragment(@PathParam("id") String id) {
    return participants.data(
        "participants", api.get(Service.INCIDENT, "/v1/incidents/" + id + "/participants"));
  }

  // ---------------------------------------------------------------------------------- forms

  @POST
  @Path("status")
  @RolesAllowed("responder")
  public Response changeStatus(
      @PathParam("id") String id,
      @RestForm String to,
      @RestForm String recoveryMethod,
      @RestForm String note) {
    Map<String, String> typed = typed("to", to, "recoveryMethod", recoveryMethod, "note", note);
    if (blank(to)) {
      return refusedHere(
          id, "status", typed, Map.of("to", "Choose the status the incident moves to."));
    }
    Moves moves = moves(id);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("to", to.trim());
    // A method goes with the move that needs it only (incident-service refuses it on others);
    // when the service could not say which, whatever was chosen goes and the service decides.
    if (!blank(recoveryMethod) && (!moves.known() || moves.needs(to.trim()))) {
      body.put("recoveryMethod", recoveryMethod.trim());
    }
    if (!blank(note)) {
      body.put("note", note.trim());
    }
    try {
      api.post(Service.INCIDENT, "/v1/incidents/" + id + "/transitions", body);
      return done(id, "status", "status");
    } catch (ServiceProblem p) {
      Map<String, String> errors = new LinkedHashMap<>(p.fields());
      if (errors.isEmpty() && moves.needs(to.trim()) && blank(recoveryMethod)) {
        errors.put("recoveryMethod", p.words());
      }
      return refused(id, "status", typed, p, errors);
    }
  }

  @POST
  @Path("severity")
  @RolesAllowed("responder")
  public Response changeSeverity(
      @PathParam("id") String id, @RestForm String severity, @RestForm String etag) {
    Map<String, String> typed = typed("severity", severity);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("severity", blank(severity) ? null : severity.trim());
    try {
      api.patch(Service.INCIDENT, "/v1/incidents/" + id, body, blank(etag) ? null : etag);
      return done(id, "severity", "status");
    } catch (ServiceProblem p) {
      return refused(id, "severity", typed, p, p.fields());
    }
  }

  @POST
  @Path("details")
  @RolesAllowed("responder")
  public Response saveDetails(
      @PathParam("id") String id,
      @RestForm String impactScope,
      @RestForm String customerImpact,
      @RestForm String warRoomUrl,
      @RestForm String etag) {
    Map<String, String> typed =
        typed(
            "impactScope", impactScope, "customerImpact", customerImpact, "warRoomUrl", warRoomUrl);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("impactScope", blank(impactScope) ? null : impactScope.trim());
    body.put("customerImpact", blank(customerImpact) ? null : customerImpact.trim());
    body.put("warRoomUrl", blank(warRoomUrl) ? null : warRoomUrl.trim());
    try {
      api.patch(Service.INCIDENT, "/v1/incidents/" + id, body, blank(etag) ? null : etag);
      return done(id, "details", "details");
    } catch (ServiceProblem p) {
      return refused(id, "details", typed, p, p.fields());
    }
  }

  /**
   * Whether traffic surged, as the responder sees it: incident-service's {@code trafficSurge}
   * (true, false: ruled out, or null: not known), which its recovery suggestion starts from (a
   * surge: scale out first).
   */
  @POST
  @Path("traffic-surge")
  @RolesAllowed("responder")
  public Response saveTrafficSurge(
      @PathParam("id") String id, @RestForm String trafficSurge, @RestForm String etag) {
    Map<String, String> typed = typed("trafficSurge", trafficSurge);
    if (blank(trafficSurge) || !SURGE.containsKey(trafficSurge.trim())) {
      return refusedHere(
          id,
          "surge",
          typed,
          Map.of("trafficSurge", "Say whether traffic surged, or that it is not known."));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("trafficSurge", SURGE.get(trafficSurge.trim()));
    try {
      api.patch(Service.INCIDENT, "/v1/incidents/" + id, body, blank(etag) ? null : etag);
      return done(id, "surge", "traffic-surge");
    } catch (ServiceProblem p) {
      return refused(id, "surge", typed, p, p.fields());
    }
  }

  @POST
  @Path("roles/{role: commander|recovery_lead|communications_lead}")
  @RolesAllowed("responder")
  public Response assignRole(
      @PathParam("id") String id,
      @PathParam("role") String role,
      @RestForm String person,
      @RestForm String overrideReason) {
    Map<String, String> typed = typed("person", person, "overrideReason", overrideReason);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("person", person == null ? "" : person.trim());
    if (!blank(overrideReason)) {
      body.put("overrideReason", overrideReason.trim());
    }
    try {
      api.put(Service.INCIDENT, "/v1/incidents/" + id + "/roles/" + role, body);
      return done(id, "role", "roles");
    } catch (ServiceProblem p) {
      return refused(id, "role-" + role, typed, p, p.fields());
    }
  }

  @POST
  @Path("participants")
  @RolesAllowed({"responder", "communicator"})
  public Response join(
      @PathParam("id") String id,
      @RestForm String person,
      @RestForm String team,
      @RestForm String role) {
    Map<String, String> typed = typed("person", person, "team", team, "role", role);
    Map<String, Object> body = new LinkedHashMap<>();
    putIfPresent(body, "person", person);
    putIfPresent(body, "team", team);
    putIfPresent(body, "role", role);
    try {
      api.post(Service.INCIDENT, "/v1/incidents/" + id + "/participants", body);
      return done(id, "joined", "war-room");
    } catch (ServiceProblem p) {
      return refused(id, "join", typed, p, p.fields());
    }
  }

  @POST
  @Path("notes")
  @RolesAllowed({"responder", "communicator"})
  public Response addNote(@PathParam("id") String id, @RestForm String text) {
    Map<String, String> typed = typed("text", text);
    if (blank(text)) {
      return refusedHere(id, "note", typed, Map.of("text", "Write the note first."));
    }
    try {
      api.post(Service.INCIDENT, "/v1/incidents/" + id + "/timeline", Map.of("text", text.trim()));
      return done(id, "note", "timeline");
    } catch (ServiceProblem p) {
      return refused(id, "note", typed, p, p.fields());
    }
  }

  @POST
  @Path("actions")
  @RolesAllowed("responder")
  public Response recordAction(
      @PathParam("id") String id,
      @RestForm String form,
      @RestForm String kind,
      @RestForm String summary,
      @RestForm String service,
      @RestForm String instance,
      @RestForm String targetVersion,
      @RestForm String changeId,
      @RestForm String status,
      @RestForm String instanceSet,
      @RestForm String evidenceKind,
      @RestForm String evidenceReference,
      @RestForm String evidenceKept,
      @RestForm String hotfixReason,
      @RestForm String hotfixReasonDetail) {
    String formName =
        form != null && (ACTION_FORMS.contains(form) || ROLLBACK_FORM.matcher(form).matches())
            ? form
            : "other";
    Map<String, String> typed =
        typed(
            "kind",
            kind,
            "summary",
            summary,
            "service",
            service,
            "instance",
            instance,
            "targetVersion",
            targetVersion,
            "status",
            status,
            "instanceSet",
            instanceSet,
            "evidenceKind",
            evidenceKind,
            "evidenceReference",
            evidenceReference,
            "evidenceKept",
            evidenceKept,
            "hotfixReason",
            hotfixReason,
            "hotfixReasonDetail",
            hotfixReasonDetail);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", kind == null ? "" : kind.trim());
    body.put("summary", summary == null ? "" : summary.trim());
    putIfPresent(body, "service", service);
    putIfPresent(body, "instance", instance);
    putIfPresent(body, "targetVersion", targetVersion);
    putIfPresent(body, "changeId", changeId);
    putIfPresent(body, "status", status);
    putIfPresent(body, "instanceSet", instanceSet);
    if (!blank(evidenceKind) || !blank(evidenceReference)) {
      Map<String, Object> evidence = new LinkedHashMap<>();
      evidence.put("kind", blank(evidenceKind) ? "" : evidenceKind.trim());
      evidence.put("reference", blank(evidenceReference) ? "" : evidenceReference.trim());
      body.put("evidence", evidence);
    }
    if (!blank(evidenceKept)) {
      body.put("evidenceKept", true);
    }
    putIfPresent(body, "hotfixReason", hotfixReason);
    putIfPresent(body, "hotfixReasonDetail", hotfixReasonDetail);
    try {
      api.post(Service.INCIDENT, "/v1/incidents/" + id + "/actions", body);
      boolean rollback = formName.startsWith("rollback-");
      return done(id, rollback ? "rollback" : "action", rollback ? "candidates" : "actions");
    } catch (ServiceProblem p) {
      return refused(id, formName, typed, p, p.fields());
    }
  }

  @POST
  @Path(
      "actions/{actionId: [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}/transitions")
  @RolesAllowed("responder")
  public Response moveAction(
      @PathParam("id") String id, @PathParam("actionId") String actionId, @RestForm String to) {
    try {
      api.post(
          Service.INCIDENT,
          "/v1/incidents/" + id + "/actions/" + actionId + "/transitions",
          Map.of("to", to == null ? "" : to.trim()));
      return done(id, "moved", "action-" + actionId);
    } catch (ServiceProblem p) {
      return refused(id, "action-" + actionId, Map.of(), p, p.fields());
    }
  }

  @POST
  @Path(
      "actions/{actionId: [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}/pair-review")
  @RolesAllowed("responder")
  public Response approveHotfix(
      @PathParam("id") String id, @PathParam("actionId") String actionId) {
    try {
      api.post(
          Service.INCIDENT, "/v1/incidents/" + id + "/actions/" + actionId + "/pair-review", null);
      return done(id, "reviewed", "action-" + actionId);
    } catch (ServiceProblem p) {
      return refused(id, "action-" + actionId, Map.of(), p, p.fields());
    }
  }

  @POST
  @Path(
      "actions/{actionId: [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}/beta-verification")
  @RolesAllowed("responder")
  public Response verifyOnBeta(
      @PathParam("id") String id,
      @PathParam("actionId") String actionId,
      @RestForm String evidenceUrl,
      @RestForm String verifiedBy) {
    Map<String, String> typed = typed("evidenceUrl", evidenceUrl, "verifiedBy", verifiedBy);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("evidenceUrl", evidenceUrl == null ? "" : evidenceUrl.trim());
    putIfPresent(body, "verifiedBy", verifiedBy);
    try {
      api.post(
          Service.INCIDENT,
          "/v1/incidents/" + id + "/actions/" + actionId + "/beta-verification",
          body);
      return done(id, "verified", "action-" + actionId);
    } catch (ServiceProblem p) {
      return refused(id, "action-" + actionId, typed, p, p.fields());
    }
  }

  // ---------------------------------------------------------------------------------- the page

  private TemplateInstance page(String id, Form form) {
    Http.Response read = api.getRaw(Service.INCIDENT, "/v1/incidents/" + id, "application/json");
    if (read.status() != 200) {
      throw ServiceProblem.of(read.status(), read.json(), read.body());
    }
    JsonNode incident = read.json();
    String etag = read.header("ETag").orElse("\"" + incident.path("version").asText() + "\"");
    List<JsonNode> actions = new ArrayList<>();
    api.get(Service.INCIDENT, "/v1/incidents/" + id + "/actions").forEach(actions::add);

    TemplateInstance page =
        room.data("nav", "incidents")
            .data("id", id)
            .data("incident", incident)
            .data("etag", etag)
            .data("moves", moves(id))
            .data("severities", IncidentsResource.SEVERITIES)
            .data("roles", roles(incident))
            .data("people", people())
            .data(
                "participants", api.get(Service.INCIDENT, "/v1/incidents/" + id + "/participants"))
            .data("actions", actionRows(actions))
            .data("kinds", KINDS)
            .data("form", form)
            .data("done", null);
    withCandidates(page, id, actions);
    return withTimeline(page, id);
  }

  private TemplateInstance withTimeline(TemplateInstance t, String id) {
    List<JsonNode> entries =
        api.items(Service.INCIDENT, "/v1/incidents/" + id + "/timeline?limit=200");
    JsonNode communications = null;
    String communicationsProblem = null;
    try {
      communications = api.get(Service.BROADCAST, "/v1/incidents/" + id + "/updates");
    } catch (ServiceProblem p) {
      // The room stays usable without broadcast-service; the timeline says what is missing.
      communicationsProblem = p.words();
    }
    return t.data("id", id)
        .data("entries", RoomTimeline.merge(entries, communications))
        .data("communicationsProblem", communicationsProblem);
  }

  private void withCandidates(TemplateInstance t, String id, List<JsonNode> actions) {
    try {
      JsonNode answer = api.get(Service.INCIDENT, "/v1/incidents/" + id + "/rollback-candidates");
      List<CandidateRow> rows = new ArrayList<>();
      for (JsonNode c : answer.path("candidates")) {
        String changeId = c.path("change").path("id").asText();
        JsonNode rollback =
            actions.stream()
                .filter(a -> a.path("kind").asText().equals("rollback"))
                .filter(a -> a.path("changeId").asText().equals(changeId))
                .reduce((first, later) -> later)
                .orElse(null);
        List<String> path = new ArrayList<>();
        c.path("path").forEach(p -> path.add(p.asText()));
        rows.add(
            new CandidateRow(
                c,
                Readable.duration(c.path("before").asText(null)),
                String.join(" → ", path),
                rollback));
      }
      List<Dependency> dependencies = new ArrayList<>();
      answer
          .path("dependencies")
          .fields()
          .forEachRemaining(
              d -> {
                List<String> chain = new ArrayList<>();
                d.getValue().forEach(s -> chain.add(s.asText()));
                dependencies.add(new Dependency(d.getKey(), String.join(" → ", chain)));
              });
      t.data("candidates", answer)
          .data("candidateRows", rows)
          .data("dependencies", dependencies)
          .data("window", Readable.duration(answer.path("window").asText(null)))
          .data("candidatesProblem", null);
    } catch (ServiceProblem p) {
      t.data("candidates", null)
          .data("candidateRows", List.of())
          .data("dependencies", List.of())
          .data("window", "")
          .data("candidatesProblem", p.words());
    }
  }

  /**
   * The moves incident-service allows from the current status ({@code GET …/transitions}). An
   * incident-service from before that endpoint answers 405 (or 404) for it: then every other status
   * is offered and the service refuses an illegal move in words, as it would anyway.
   */
  private Moves moves(String id) {
    try {
      return movesOf(api.get(Service.INCIDENT, "/v1/incidents/" + id + "/transitions"));
    } catch (ServiceProblem p) {
      if (p.status() != 404 && p.status() != 405) {
        throw p;
      }
      String current = api.get(Service.INCIDENT, "/v1/incidents/" + id).path("status").asText();
      List<Move> every = new ArrayList<>();
      for (String s : IncidentsResource.STATUSES) {
        if (!s.equals(current)) {
          every.add(new Move(s, Readable.label(s), false));
        }
      }
      return new Moves(every, KINDS, false);
    }
  }

  /** incident-service's answer to {@code GET …/transitions} as the moves the form offers. */
  static Moves movesOf(JsonNode answer) {
    List<Move> allowed = new ArrayList<>();
    for (JsonNode m : answer.path("allowed")) {
      boolean needs = false;
      for (JsonNode r : m.path("requires")) {
        needs |= r.asText().equals("recoveryMethod");
      }
      String to = m.path("to").asText();
      allowed.add(new Move(to, Readable.label(to), needs));
    }
    List<String> methods = new ArrayList<>();
    answer.path("recoveryMethods").forEach(r -> methods.add(r.asText()));
    return new Moves(allowed, methods.isEmpty() ? KINDS : methods, true);
  }

  private static List<RoleRow> roles(JsonNode incident) {
    return List.of(
        new RoleRow("commander", "Commander", incident.path("commander").asText(null), false),
        new RoleRow(
            "recovery_lead", "Recovery lead", incident.path("recoveryLead").asText(null), true),
        new RoleRow(
            "communications_lead",
            "Communications lead",
            incident.path("communicationsLead").asText(null),
            true));
  }

  private List<PersonOption> people() {
    return accounts.list().stream()
        .filter(a -> !a.disabled())
        .map(a -> new PersonOption(a.username(), a.displayName()))
        .toList();
  }

  /**
   * The buttons an action offers: planned → start, done or failed; in progress → done or failed;
   * done and failed are final. incident-service still decides (a hotfix's gate, a stale page).
   */
  static List<ActionRow> actionRows(List<JsonNode> actions) {
    List<ActionRow> rows = new ArrayList<>();
    for (JsonNode a : actions) {
      List<Move> steps =
          switch (a.path("status").asText()) {
            case "planned" ->
                List.of(
                    new Move("in_progress", "Start", false),
                    new Move("done", "Mark done", false),
                    new Move("failed", "Mark failed", false));
            case "in_progress" ->
                List.of(
                    new Move("done", "Mark done", false), new Move("failed", "Mark failed", false));
            default -> List.of();
          };
      rows.add(new ActionRow(a, Readable.label(a.path("kind").asText()), steps));
    }
    return rows;
  }

  // ---------------------------------------------------------------------------------- answers

  private static Response done(String id, String what, String anchor) {
    return Response.seeOther(URI.create("/incidents/" + id + "?done=" + what + "#" + anchor))
        .build();
  }

  /** The service refused a form: the room again, with what was typed and the service's words. */
  private Response refused(
      String id,
      String form,
      Map<String, String> typed,
      ServiceProblem p,
      Map<String, String> errors) {
    int status =
        switch (p.status()) {
          case 403 -> 403;
          case 409, 412 -> 409;
          case 502, 503, 504 -> p.status();
          default -> 422;
        };
    String words = p.status() == 412 ? STALE : p.words();
    return Response.status(status)
        .entity(page(id, new Form(form, typed, new LinkedHashMap<>(errors), words)))
        .build();
  }

  /** A form the console can answer without asking a service (nothing chosen, nothing written). */
  private Response refusedHere(
      String id, String form, Map<String, String> typed, Map<String, String> errors) {
    return Response.status(422).entity(page(id, new Form(form, typed, errors, null))).build();
  }

  private static Map<String, String> typed(String... namesAndValues) {
    Map<String, String> typed = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      typed.put(namesAndValues[i], namesAndValues[i + 1] == null ? "" : namesAndValues[i + 1]);
    }
    return typed;
  }

  private static void putIfPresent(Map<String, Object> body, String name, String value) {
    if (!blank(value)) {
      body.put(name, value.trim());
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
