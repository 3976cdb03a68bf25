package io.firebell.console.triage;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.console.auth.Person;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Triage: the open alert groups by domain with their alerts, re-sends and flaps, live; acknowledge,
 * declare or dismiss a group; CS inquiry clusters; who is on call now per domain; pages and their
 * acknowledgement. Everything is detection-service's answer, called as the signed-in person.
 */
@Path("/triage")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class TriageResource {

  static final List<String> SEVERITIES = List.of("SEV1", "SEV2", "SEV3", "SEV4");

  /** How long a declare waits for incident-service to open the incident, to link its room. */
  static final long LINK_WAIT_MILLIS = 3000;

  @Inject Api api;
  @Inject Person person;

  @Inject
  @Location("triage/triage.html")
  Template page;

  @Inject
  @Location("triage/groups.html")
  Template groups;

  @Inject
  @Location("triage/pages.html")
  Template pagesTable;

  /** Runs independent calls to detection-service side by side, as the signed-in person. */
  @Inject ManagedExecutor executor;

  @Inject
  @Location("triage/group.html")
  Template group;

  @GET
  public TemplateInstance triage(
      @RestQuery String domain,
      @RestQuery String status,
      @RestQuery String done,
      @RestQuery String group) {
    return render(Board.Filter.of(domain, status), done, uuid(group), null);
  }

  /** The groups alone: what the page's live region re-reads when detection or incidents change. */
  @GET
  @Path("groups")
  public TemplateInstance groupsFragment(@RestQuery String domain, @RestQuery String status) {
    Board.Filter filter = Board.Filter.of(domain, status);
    return withGroups(groups.instance(), filter).data("filter", filter);
  }

  /** The pages alone: re-read when a page is sent, acknowledged or escalated. */
  @GET
  @Path("pages")
  public TemplateInstance pagesFragment(@RestQuery String domain) {
    Board.Filter filter = Board.Filter.of(domain, null);
    return pagesTable.data("pageRows", pageRows(allPages(), filter)).data("filter", filter);
  }

  /** One group: all its alerts, its pages, and the declare (with severity) and dismiss forms. */
  @GET
  @Path("groups/{id}")
  public TemplateInstance groupPage(@PathParam("id") UUID id, @RestQuery String done) {
    return renderGroup(id, done, Map.of(), Map.of(), null, null);
  }

  @POST
  @Path("groups/{id}/acknowledge")
  @RolesAllowed("responder")
  public Response acknowledge(
      @PathParam("id") UUID id,
      @RestForm String from,
      @RestForm String domain,
      @RestForm String status) {
    Board.Filter filter = Board.Filter.of(domain, status);
    try {
      api.post(Service.DETECTION, "/v1/alert-groups/" + id + "/acknowledge", null);
    } catch (ServiceProblem p) {
      return refused(p, from, id, filter, "acknowledge", Map.of());
    }
    return seeOther(Board.back(from, id.toString(), filter, "acknowledged"));
  }

  @POST
  @Path("groups/{id}/declare")
  @RolesAllowed("responder")
  public Response declare(
      @PathParam("id") UUID id,
      @RestForm String from,
      @RestForm String title,
      @RestForm String severity,
      @RestForm String domain,
      @RestForm String status) {
    Board.Filter filter = Board.Filter.of(domain, status);
    Map<String, Object> body = new LinkedHashMap<>();
    if (!blank(title)) {
      body.put("title", title.trim());
    }
    if (!blank(severity)) {
      body.put("severity", severity.trim());
    }
    Map<String, String> typed = new HashMap<>();
    typed.put("title", title == null ? "" : title);
    typed.put("severity", severity == null ? "" : severity);
    JsonNode declared;
    try {
      declared = api.post(Service.DETECTION, "/v1/alert-groups/" + id + "/declare", body);
    } catch (ServiceProblem p) {
      return refused(p, from, id, filter, "declare", typed);
    }
    awaitIncident(id, declared);
    return seeOther(Board.back(from, id.toString(), filter, "declared"));
  }

  @POST
  @Path("groups/{id}/dismiss")
  @RolesAllowed("responder")
  public Response dismiss(
      @PathParam("id") UUID id,
      @RestForm String from,
      @RestForm String reason,
      @RestForm String domain,
      @RestForm String status) {
    Board.Filter filter = Board.Filter.of(domain, status);
    Map<String, String> body = new HashMap<>();
    body.put("reason", reason == null ? "" : reason.trim());
    try {
      api.post(Service.DETECTION, "/v1/alert-groups/" + id + "/dismiss", body);
    } catch (ServiceProblem p) {
      return refused(
          p, from, id, filter, "dismiss", Map.of("reason", reason == null ? "" : reason));
    }
    return seeOther(Board.back(from, id.toString(), filter, "dismissed"));
  }

  /** Only the paged person may: detection-service says so (403) for anyone else. */
  @POST
  @Path("pages/{id}/acknowledge")
  @RolesAllowed("responder")
  public Response acknowledgePage(
      @PathParam("id") UUID id,
      @RestForm String from,
      @RestForm String group,
      @RestForm String domain,
      @RestForm String status) {
    Board.Filter filter = Board.Filter.of(domain, status);
    UUID groupId = uuid(group);
    JsonNode acked;
    try {
      acked = api.post(Service.DETECTION, "/v1/pages/" + id + "/acknowledge", null);
    } catch (ServiceProblem p) {
      if ("group".equals(from) && groupId != null) {
        return Response.status(status(p))
            .entity(renderGroup(groupId, null, Map.of(), Map.of(), null, pageWords(p)))
            .build();
      }
      return Response.status(status(p)).entity(render(filter, null, null, pageWords(p))).build();
    }
    String groupOf = acked.path("alertGroupId").asText(group == null ? "" : group);
    return seeOther(
        Board.back(
            "group".equals(from) && groupId != null ? "group" : "list",
            groupOf,
            filter,
            "page-acknowledged"));
  }

  // --- rendering -------------------------------------------------------------------------------

  private TemplateInstance render(
      Board.Filter filter, String done, UUID noticeGroup, String problem) {
    List<JsonNode> domains = domains();
    TemplateInstance t =
        page.data("nav", "triage")
            .data("filter", filter)
            .data("statuses", Board.STATUSES)
            .data("domainNames", domains.stream().map(d -> d.path("name").asText()).toList())
            .data("problem", problem);
    notice(t, done, noticeGroup);
    return withOnCall(withGroups(t, filter), filter, domains);
  }

  private TemplateInstance renderGroup(
      UUID id,
      String done,
      Map<String, String> typed,
      Map<String, String> errors,
      String problemIn,
      String problem) {
    JsonNode detail = api.get(Service.DETECTION, "/v1/alert-groups/" + id);
    List<JsonNode> pages = list(api.get(Service.DETECTION, "/v1/pages?alertGroupId=" + id));
    Board.GroupCard card = Board.card(detail.path("group"), detail, pages, Integer.MAX_VALUE);
    String username = person.username();
    TemplateInstance t =
        group
            .data("nav", "triage")
            .data("card", card)
            .data("pageRows", pages.stream().map(p -> OnCallBoard.row(p, username)).toList())
            .data("severities", SEVERITIES)
            .data("typed", typed)
            .data("errors", errors)
            .data("problemIn", problemIn)
            .data("problem", problem);
    return notice(t, done, detail);
  }

  private TemplateInstance withGroups(TemplateInstance t, Board.Filter filter) {
    List<String> lists = new ArrayList<>();
    filter.serviceStatuses().forEach(s -> lists.add("/v1/alert-groups?" + filter.listQuery(s)));
    lists.add("/v1/pages");
    List<JsonNode> answers = getAll(lists, false);
    List<JsonNode> pages = list(answers.get(answers.size() - 1));
    List<List<JsonNode>> groupLists = new ArrayList<>();
    boolean more = false;
    for (JsonNode answer : answers.subList(0, answers.size() - 1)) {
      groupLists.add(list(answer.path("items")));
      more |= answer.path("nextCursor").isTextual();
    }
    List<JsonNode> all = Board.merge(groupLists);
    List<JsonNode> details =
        getAll(
            all.stream()
                .limit(Board.DETAILED_GROUPS)
                .map(g -> Board.detailPath(g.path("id").asText()))
                .toList(),
            true);
    List<Board.GroupCard> cards = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      cards.add(
          Board.card(
              all.get(i), i < details.size() ? details.get(i) : null, pages, Board.ALERTS_SHOWN));
    }
    return t.data("domainGroups", Board.byDomain(cards))
        .data("clusters", Board.clusters(cards))
        .data("groupCount", cards.size() - Board.clusters(cards).size())
        .data("moreGroups", more)
        .data("detailedGroups", Board.DETAILED_GROUPS);
  }

  /** Who is on call now in each domain (of the filter), and the pages. */
  private TemplateInstance withOnCall(
      TemplateInstance t, Board.Filter filter, List<JsonNode> domains) {
    List<JsonNode> shown =
        domains.stream()
            .filter(d -> filter.domain() == null || filter.domain().equals(d.path("name").asText()))
            .toList();
    List<String> paths = new ArrayList<>(List.of("/v1/schedules", "/v1/people", "/v1/pages"));
    shown.stream()
        .filter(d -> d.path("escalationPolicyId").isTextual())
        .forEach(d -> paths.add("/v1/oncall/" + Api.q(d.path("name").asText())));
    List<JsonNode> answers = getAll(paths, false);
    Map<String, String> schedules = new HashMap<>();
    answers.get(0).forEach(s -> schedules.put(s.path("id").asText(), s.path("name").asText()));
    Map<String, String> people = new HashMap<>();
    answers.get(1).forEach(p -> people.put(p.path("id").asText(), p.path("name").asText()));
    List<OnCallBoard.DomainOnCall> onCall = new ArrayList<>();
    int next = 3;
    for (JsonNode d : shown) {
      List<OnCallBoard.Level> levels =
          d.path("escalationPolicyId").isTextual()
              ? OnCallBoard.levels(answers.get(next++), schedules, people)
              : List.of();
      onCall.add(
          new OnCallBoard.DomainOnCall(
              d.path("name").asText(), d.path("description").asText(""), levels));
    }
    return t.data("onCall", onCall).data("pageRows", pageRows(list(answers.get(2)), filter));
  }

  private List<OnCallBoard.PageRow> pageRows(List<JsonNode> pages, Board.Filter filter) {
    String username = person.username();
    return Board.pages(pages, filter.domain(), Board.PAGES_SHOWN).stream()
        .map(p -> OnCallBoard.row(p, username))
        .toList();
  }

  private List<JsonNode> allPages() {
    return list(api.get(Service.DETECTION, "/v1/pages"));
  }

  private TemplateInstance notice(TemplateInstance t, String done, UUID groupId) {
    if (done == null || done.isBlank()) {
      return t;
    }
    return notice(t, done, groupId == null ? null : detail(groupId.toString()));
  }

  /** The line after a successful form, naming the group ({@code detail} may be null). */
  private static TemplateInstance notice(TemplateInstance t, String done, JsonNode detail) {
    if (done == null || done.isBlank()) {
      return t;
    }
    String summary = "the group";
    String incident = null;
    if (detail != null) {
      summary = "“" + detail.path("group").path("summary").asText() + "”";
      incident = detail.path("group").path("incidentId").asText(null);
    }
    String words =
        switch (done) {
          case "acknowledged" -> "You acknowledged " + summary + "; its escalation stopped.";
          case "declared" ->
              incident != null
                  ? "An incident was declared from " + summary + "."
                  : "You declared "
                      + summary
                      + "; the link to its incident room appears on the group as soon as"
                      + " incident-service has opened it.";
          case "dismissed" -> "You dismissed " + summary + " as not an incident.";
          case "page-acknowledged" -> "Page acknowledged; its alert group is acknowledged too.";
          default -> null;
        };
    return t.data("notice", words).data("noticeIncident", incident);
  }

  // --- refusals --------------------------------------------------------------------------------

  private Response refused(
      ServiceProblem p,
      String from,
      UUID id,
      Board.Filter filter,
      String action,
      Map<String, String> typed) {
    if ("group".equals(from)) {
      return Response.status(status(p))
          .entity(renderGroup(id, null, typed, p.fields(), action, p.words()))
          .build();
    }
    String what =
        switch (action) {
          case "acknowledge" -> "The group could not be acknowledged: ";
          case "declare" -> "No incident was declared: ";
          default -> "The group could not be dismissed: ";
        };
    return Response.status(status(p)).entity(render(filter, null, null, what + p.words())).build();
  }

  private static String pageWords(ServiceProblem p) {
    return "The page could not be acknowledged: " + p.words();
  }

  /** The service's 403, 404 or 409 as it is; any other refusal of a form is 422. */
  private static int status(ServiceProblem p) {
    return p.status() == 403 || p.status() == 404 || p.status() == 409 ? p.status() : 422;
  }

  // --- helpers ---------------------------------------------------------------------------------

  /**
   * incident-service opens the incident from the declaration event within moments; waiting a little
   * lets the page link its room at once. Past the wait, the live list links it later.
   */
  private void awaitIncident(UUID id, JsonNode declared) {
    if (declared.path("incidentId").isTextual()) {
      return;
    }
    long until = System.currentTimeMillis() + LINK_WAIT_MILLIS;
    while (System.currentTimeMillis() < until) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      JsonNode detail = detail(id.toString());
      if (detail == null || detail.path("group").path("incidentId").isTextual()) {
        return;
      }
    }
  }

  /**
   * GETs the paths side by side (the request's context, and so the person, goes along); in their
   * order. {@code tolerant}: a refused path gives null instead of failing the page.
   */
  private List<JsonNode> getAll(List<String> paths, boolean tolerant) {
    List<CompletableFuture<JsonNode>> calls =
        paths.stream()
            .map(
                p ->
                    executor.supplyAsync(
                        () -> {
                          try {
                            return api.get(Service.DETECTION, p);
                          } catch (ServiceProblem refused) {
                            if (tolerant) {
                              return null;
                            }
                            throw refused;
                          }
                        }))
            .toList();
    List<JsonNode> answers = new ArrayList<>();
    for (CompletableFuture<JsonNode> call : calls) {
      try {
        answers.add(call.join());
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    }
    return answers;
  }

  /** The group's detail without its alerts: the notice and the wait read only the group. */
  private JsonNode detail(String id) {
    try {
      return api.get(Service.DETECTION, "/v1/alert-groups/" + id + "?alerts=0");
    } catch (ServiceProblem gone) {
      return null;
    }
  }

  private List<JsonNode> domains() {
    return list(api.get(Service.DETECTION, "/v1/domains"));
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  private static Response seeOther(String location) {
    return Response.seeOther(URI.create(location)).build();
  }

  private static UUID uuid(String s) {
    try {
      return s == null || s.isBlank() ? null : UUID.fromString(s.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
