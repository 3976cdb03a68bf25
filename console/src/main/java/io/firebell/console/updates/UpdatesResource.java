package io.firebell.console.updates;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.console.auth.Person;
import io.firebell.console.backend.Api;
import io.firebell.console.backend.Service;
import io.firebell.console.backend.ServiceProblem;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The update composer (issue 17, page 4): a communicator writes the incident's stakeholder update —
 * status, impact, expected recovery, follow-up actions — picks its audiences, previews what each
 * audience will receive (both registers; Slack, Teams and webhook; system terms marked), sends it,
 * and watches each endpoint's delivery (delivered, retrying, dead-lettered) with a Replay for dead
 * letters. broadcast-service decides everything: what an update needs (its problem's field errors
 * are shown beside the controls), the texts, the findings and the deliveries.
 */
@Path("/incidents/{id}/updates")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class UpdatesResource {

  /** How many deliveries the status table shows (newest first). */
  static final int DELIVERIES_SHOWN = 200;

  /** The controls of the form, in the order they are shown, and their labels. */
  static final Map<String, String> CONTROLS = new LinkedHashMap<>();

  static {
    CONTROLS.put("status", "Status");
    CONTROLS.put("impact", "Impact");
    CONTROLS.put("eta", "Expected recovery (UTC)");
    CONTROLS.put("unknown", "Recovery time not known yet");
    CONTROLS.put("next", "Next update by (UTC)");
    CONTROLS.put("followups", "Follow-up actions");
    CONTROLS.put("audiences", "Audiences");
  }

  @Inject Api api;
  @Inject Person person;
  @Inject Clock clock;

  @ConfigProperty(name = "firebell.console.status-page-url")
  String statusPageUrl;

  @Inject
  @Location("updates/composer.html")
  Template page;

  @Inject
  @Location("updates/deliveries.html")
  Template deliveries;

  @Inject
  @Location("updates/preview.html")
  Template previewFragment;

  /** An audience in the picker: whether it is ticked and how many endpoints listen to it. */
  @TemplateData
  public record AudienceChoice(
      String key,
      String name,
      String scope,
      String register,
      String description,
      int endpoints,
      boolean picked) {}

  /** A status in the select. */
  @TemplateData
  public record StatusChoice(String value, boolean selected) {}

  /** A refused field, for the summary above the form: its control, label and message. */
  @TemplateData
  public record FieldProblem(String control, String label, String message) {}

  @GET
  public TemplateInstance composer(
      @RestPath String id, @RestQuery String done, @RestQuery Integer recipients) {
    UUID incident = incidentId(id);
    JsonNode i = incident(incident);
    return render(incident, i, UpdateForm.fresh(i.path("status").asText()), Map.of(), null, null)
        .data("done", done)
        .data("recipients", recipients);
  }

  /** The delivery table alone: what the page's live region re-reads when a delivery changes. */
  @GET
  @Path("deliveries")
  public TemplateInstance deliveriesFragment(@RestPath String id) {
    UUID incident = incidentId(id);
    return withDeliveries(deliveries.instance(), incident);
  }

  /**
   * The preview: the whole page with the form as typed, or — for the composer's script, which asks
   * with {@code X-Requested-With: fetch} — only the preview.
   */
  @POST
  @Path("preview")
  @RolesAllowed("communicator")
  public Response preview(
      @RestPath String id,
      @HeaderParam("X-Requested-With") String requestedWith,
      @RestForm String status,
      @RestForm String impact,
      @RestForm String expectedRecovery,
      @RestForm String recoveryUnknown,
      @RestForm String nextUpdate,
      @RestForm String followUps,
      @RestForm List<String> audiences) {
    UUID incident = incidentId(id);
    UpdateForm form =
        form(status, impact, expectedRecovery, recoveryUnknown, nextUpdate, followUps, audiences);
    boolean fragment = "fetch".equals(requestedWith);
    JsonNode i = incident(incident);
    Map<String, String> errors = form.unreadable(clock);
    Picker picker = picker(form);
    Previewed previewed =
        errors.isEmpty() ? preview(incident, i, form, picker) : new Previewed(null, null, Map.of());
    if (fragment) {
      return Response.ok(
              previewFragment
                  .data("preview", previewed.preview())
                  .data("previewProblem", previewed.problem())
                  .data("unreadable", errors.values()))
          .build();
    }
    Map<String, String> all = new LinkedHashMap<>(errors);
    previewed.fields().forEach(all::putIfAbsent);
    TemplateInstance shown =
        render(incident, i, form, picker, all, null, previewed)
            .data("problem", all.isEmpty() ? null : "The preview could not be made: see below.");
    return Response.status(all.isEmpty() ? 200 : 422).entity(shown).build();
  }

  @POST
  @RolesAllowed("communicator")
  public Response send(
      @RestPath String id,
      @RestForm String status,
      @RestForm String impact,
      @RestForm String expectedRecovery,
      @RestForm String recoveryUnknown,
      @RestForm String nextUpdate,
      @RestForm String followUps,
      @RestForm List<String> audiences) {
    UUID incident = incidentId(id);
    UpdateForm form =
        form(status, impact, expectedRecovery, recoveryUnknown, nextUpdate, followUps, audiences);
    Map<String, String> unreadable = form.unreadable(clock);
    if (!unreadable.isEmpty()) {
      JsonNode i = incident(incident);
      return Response.status(422)
          .entity(
              render(
                  incident,
                  i,
                  form,
                  unreadable,
                  "The update was not sent: a time could not be read.",
                  null))
          .build();
    }
    try {
      JsonNode sent =
          api.post(Service.BROADCAST, "/v1/incidents/" + incident + "/updates", form.body(clock));
      return Response.seeOther(
              URI.create(
                  "/incidents/"
                      + incident
                      + "/updates?done=sent&recipients="
                      + sent.path("recipients").asInt()
                      + "#deliveries-heading"))
          .build();
    } catch (ServiceProblem p) {
      JsonNode i = incident(incident);
      Map<String, String> errors = controls(p.fields());
      Picker picker = picker(form);
      Previewed previewed = preview(incident, i, form, picker);
      int answer = p.status() == 403 || p.status() == 404 || p.status() == 409 ? p.status() : 422;
      return Response.status(answer)
          .entity(
              render(
                  incident,
                  i,
                  form,
                  picker,
                  errors,
                  "The update was not sent: " + p.words(),
                  previewed))
          .build();
    }
  }

  @POST
  @Path("deliveries/{delivery}/replay")
  @RolesAllowed("communicator")
  public Response replay(@RestPath String id, @RestPath String delivery) {
    UUID incident = incidentId(id);
    UUID d = uuid(delivery, "No such delivery");
    try {
      api.post(Service.BROADCAST, "/v1/deliveries/" + d + "/replay", Map.of());
      return Response.seeOther(
              URI.create("/incidents/" + incident + "/updates?done=replayed#deliveries-heading"))
          .build();
    } catch (ServiceProblem p) {
      JsonNode i = incident(incident);
      return Response.status(p.status() == 404 || p.status() == 409 ? p.status() : 422)
          .entity(
              render(incident, i, UpdateForm.fresh(i.path("status").asText()), Map.of(), null, null)
                  .data("replayProblem", "The delivery was not replayed: " + p.words()))
          .build();
    }
  }

  /** A preview, or why there is none, with the service's field errors by control. */
  record Previewed(Preview preview, String problem, Map<String, String> fields) {}

  private Previewed preview(UUID incident, JsonNode i, UpdateForm form, Picker picker) {
    if (form.audiences().isEmpty()) {
      return new Previewed(
          null, "Pick at least one audience to see what it will receive.", Map.of());
    }
    Map<String, Object> body = form.body(clock);
    try {
      JsonNode answer =
          api.post(Service.BROADCAST, "/v1/incidents/" + incident + "/updates/preview", body);
      return new Previewed(
          Preview.of(
              answer,
              picker.names(),
              picker.kinds(),
              i.path("reference").asText(),
              incident.toString(),
              body,
              statusPageUrl),
          null,
          Map.of());
    } catch (ServiceProblem p) {
      return new Previewed(null, "No preview yet: " + p.words(), controls(p.fields()));
    }
  }

  /** The audiences broadcast-service knows, and the endpoint kinds subscribed to each. */
  record Picker(
      List<AudienceChoice> choices,
      Map<String, String> names,
      Map<String, Map<String, Integer>> kinds) {}

  private Picker picker(UpdateForm form) {
    JsonNode audiences = api.get(Service.BROADCAST, "/v1/audiences");
    Map<String, String> endpointKinds = new LinkedHashMap<>();
    for (JsonNode e : api.items(Service.BROADCAST, "/v1/endpoints?limit=200")) {
      if (e.path("enabled").asBoolean(true)) {
        endpointKinds.put(e.path("id").asText(), e.path("kind").asText());
      }
    }
    Map<String, Map<String, Integer>> kinds = new LinkedHashMap<>();
    Map<String, Set<String>> endpointsOf = new LinkedHashMap<>();
    for (JsonNode s : api.get(Service.BROADCAST, "/v1/subscriptions")) {
      String endpoint = s.path("endpointId").asText();
      String kind = endpointKinds.get(endpoint);
      String audience = s.path("audience").asText();
      if (kind != null
          && endpointsOf.computeIfAbsent(audience, a -> new HashSet<>()).add(endpoint)) {
        kinds.computeIfAbsent(audience, a -> new LinkedHashMap<>()).merge(kind, 1, Integer::sum);
      }
    }
    List<AudienceChoice> choices = new ArrayList<>();
    Map<String, String> names = new LinkedHashMap<>();
    // internal first (the war room's people and the company), then customers and partners
    for (String scope : List.of("internal", "external")) {
      for (JsonNode a : audiences) {
        if (!scope.equals(a.path("scope").asText())) {
          continue;
        }
        String key = a.path("key").asText();
        names.put(key, a.path("name").asText(key));
        choices.add(
            new AudienceChoice(
                key,
                a.path("name").asText(key),
                scope,
                a.path("register").asText(),
                a.path("description").asText(""),
                endpointsOf.getOrDefault(key, Set.of()).size(),
                form.picked(key)));
      }
    }
    return new Picker(choices, names, kinds);
  }

  private TemplateInstance render(
      UUID incident,
      JsonNode i,
      UpdateForm form,
      Map<String, String> errors,
      String problem,
      Previewed previewed) {
    return render(
        incident,
        i,
        form,
        person.isCommunicator() ? picker(form) : null,
        errors,
        problem,
        previewed);
  }

  private TemplateInstance render(
      UUID incident,
      JsonNode i,
      UpdateForm form,
      Picker picker,
      Map<String, String> errors,
      String problem,
      Previewed previewed) {
    TemplateInstance t =
        page.data("nav", "incidents")
            .data("incident", i)
            .data("incidentId", incident.toString())
            .data("form", form)
            .data("errors", errors)
            .data("fieldProblems", fieldProblems(errors))
            .data("problem", problem)
            .data("preview", previewed == null ? null : previewed.preview())
            .data("previewProblem", previewed == null ? null : previewed.problem())
            .data("unreadable", List.of())
            .data("statusPageUrl", statusPageUrl);
    if (picker != null) {
      t.data("audiences", picker.choices())
          .data(
              "statuses",
              UpdateForm.STATUSES.stream()
                  .map(s -> new StatusChoice(s, s.equals(form.status())))
                  .toList());
    }
    t.data("sent", sent(incident));
    return withDeliveries(t, incident);
  }

  /** The communication timeline: the fire alarm and every update sent, newest first. */
  private List<JsonNode> sent(UUID incident) {
    List<JsonNode> entries = new ArrayList<>();
    try {
      api.get(Service.BROADCAST, "/v1/incidents/" + incident + "/updates").forEach(entries::add);
    } catch (ServiceProblem p) {
      if (p.status() != 404) {
        throw p;
      }
      // broadcast-service has not heard of the incident yet (its event is on the way)
    }
    java.util.Collections.reverse(entries);
    return entries;
  }

  private TemplateInstance withDeliveries(TemplateInstance t, UUID incident) {
    t.data("incidentId", incident.toString());
    if (!person.isCommunicator()) {
      return t.data("deliveryRows", List.of()).data("deliveriesShown", false);
    }
    JsonNode page =
        api.get(
            Service.BROADCAST,
            "/v1/deliveries?incidentId=" + incident + "&limit=" + DELIVERIES_SHOWN);
    List<DeliveryRow> rows = new ArrayList<>();
    page.path("items").forEach(d -> rows.add(DeliveryRow.of(d)));
    return t.data("deliveriesShown", true)
        .data("deliveryRows", rows)
        .data("deliverySummary", DeliveryRow.summary(rows))
        .data("moreDeliveries", page.hasNonNull("nextCursor"));
  }

  private JsonNode incident(UUID incident) {
    return api.get(Service.INCIDENT, "/v1/incidents/" + incident);
  }

  private static UpdateForm form(
      String status,
      String impact,
      String expectedRecovery,
      String recoveryUnknown,
      String nextUpdate,
      String followUps,
      List<String> audiences) {
    return new UpdateForm(
        status,
        impact,
        expectedRecovery,
        recoveryUnknown != null && !recoveryUnknown.isBlank(),
        nextUpdate,
        followUps,
        audiences);
  }

  /** The service's field errors by the control they concern; the rest under "other". */
  static Map<String, String> controls(Map<String, String> fields) {
    Map<String, String> errors = new LinkedHashMap<>();
    fields.forEach(
        (field, message) -> {
          String control = UpdateForm.control(field);
          String text = control == null && !field.isBlank() ? field + ": " + message : message;
          errors.merge(control == null ? "other" : control, text, (a, b) -> a + " " + b);
        });
    return errors;
  }

  private static List<FieldProblem> fieldProblems(Map<String, String> errors) {
    List<FieldProblem> problems = new ArrayList<>();
    CONTROLS.forEach(
        (control, label) -> {
          if (errors.containsKey(control)) {
            problems.add(new FieldProblem(control, label, errors.get(control)));
          }
        });
    if (errors.containsKey("other")) {
      problems.add(new FieldProblem(null, null, errors.get("other")));
    }
    return problems;
  }

  private static UUID incidentId(String id) {
    return uuid(id, "No such incident");
  }

  private static UUID uuid(String id, String title) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new ServiceProblem(
          404, title, "\"" + id + "\" is not an id the console knows.", Map.of());
    }
  }
}
