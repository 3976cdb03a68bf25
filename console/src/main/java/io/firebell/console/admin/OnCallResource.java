package io.firebell.console.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.console.auth.Account;
import io.firebell.console.auth.Accounts;
import io.firebell.console.backend.Api;
import io.firebell.console.backend.Service;
import io.firebell.console.backend.ServiceProblem;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Who is paged for what (detection-service): domains and the escalation policy each one owns, the
 * policies' levels, on-call schedules with their overrides, and the people paged with the webhook
 * their pages are sent to. A person's signing secret is shown once.
 */
@Path("/admin")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class OnCallResource {

  /** How many levels the policy form offers (the API takes up to 10). */
  static final int LEVELS = 3;

  static final Map<String, String> NOTICES =
      Map.ofEntries(
          Map.entry("domain", "Domain saved."),
          Map.entry("policy-created", "Escalation policy added. Give it to a domain."),
          Map.entry("policy", "Escalation policy saved."),
          Map.entry("schedule", "Schedule created."),
          Map.entry("override", "Override added."),
          Map.entry("person", "Person saved."));

  @Inject Api api;
  @Inject Accounts accounts;
  @Inject Clock clock;

  @Inject
  @Location("admin/domains.html")
  Template domainsPage;

  @Inject
  @Location("admin/domain.html")
  Template domainPage;

  @Inject
  @Location("admin/policies.html")
  Template policiesPage;

  @Inject
  @Location("admin/policy.html")
  Template policyPage;

  @Inject
  @Location("admin/schedules.html")
  Template schedulesPage;

  @Inject
  @Location("admin/schedule.html")
  Template schedulePage;

  @Inject
  @Location("admin/people.html")
  Template peoplePage;

  @Inject
  @Location("admin/person.html")
  Template personPage;

  @Inject
  @Location("admin/secret.html")
  Template secret;

  // --- Domains ----------------------------------------------------------------------------------

  @GET
  @Path("domains")
  public TemplateInstance domains(@RestQuery String done) {
    return domains(Form.blank()).data("notice", Form.notice(NOTICES, done));
  }

  @POST
  @Path("domains")
  public Response createDomain(
      @RestForm String name, @RestForm String description, @RestForm String escalationPolicyId) {
    Form form =
        Form.blank()
            .with("name", name)
            .with("description", description)
            .with("escalationPolicyId", escalationPolicyId);
    if (EndpointsResource.blank(name)) {
      form.error("name", "Enter the domain's name, e.g. order.").problem("Nothing was saved.");
      return Response.status(422).entity(domains(form)).build();
    }
    if (exists(api.get(Service.DETECTION, "/v1/domains"), "name", name.trim())) {
      form.error("name", "There is already a domain " + name.trim() + ": change it on its page.")
          .problem("Nothing was saved.");
      return Response.status(409).entity(domains(form)).build();
    }
    try {
      putDomain(name.trim(), description, escalationPolicyId);
      return Response.seeOther(URI.create("/admin/domains?done=domain")).build();
    } catch (ServiceProblem p) {
      return Response.status(form.refusedBy(p).status()).entity(domains(form)).build();
    }
  }

  @GET
  @Path("domains/{name}")
  public TemplateInstance domain(@RestPath String name, @RestQuery String done) {
    JsonNode d = api.get(Service.DETECTION, "/v1/domains/" + Urls.segment(name));
    Form edit =
        Form.blank()
            .with("description", d.path("description").asText(""))
            .with("escalationPolicyId", d.path("escalationPolicyId").asText(""));
    return domain(d, edit).data("notice", Form.notice(NOTICES, done));
  }

  @POST
  @Path("domains/{name}")
  public Response changeDomain(
      @RestPath String name, @RestForm String description, @RestForm String escalationPolicyId) {
    Form form =
        Form.blank()
            .with("description", description)
            .with("escalationPolicyId", escalationPolicyId);
    try {
      putDomain(name, description, escalationPolicyId);
      return Response.seeOther(URI.create("/admin/domains/" + Urls.segment(name) + "?done=domain"))
          .build();
    } catch (ServiceProblem p) {
      JsonNode d = api.get(Service.DETECTION, "/v1/domains/" + Urls.segment(name));
      return Response.status(form.refusedBy(p).status()).entity(domain(d, form)).build();
    }
  }

  private void putDomain(String name, String description, String policy) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (!EndpointsResource.blank(description)) {
      body.put("description", description.trim());
    }
    if (!EndpointsResource.blank(policy)) {
      body.put("escalationPolicyId", policy.trim());
    }
    api.put(Service.DETECTION, "/v1/domains/" + Urls.segment(name), body);
  }

  private TemplateInstance domains(Form create) {
    return domainsPage
        .data("nav", "admin")
        .data("domains", api.get(Service.DETECTION, "/v1/domains"))
        .data("policies", policyChoices())
        .data("create", create);
  }

  private TemplateInstance domain(JsonNode d, Form edit) {
    return domainPage
        .data("nav", "admin")
        .data("domain", d)
        .data("domainPath", Urls.segment(d.path("name").asText()))
        .data(
            "onCall",
            api.get(Service.DETECTION, "/v1/oncall/" + Urls.segment(d.path("name").asText())))
        .data("policies", policyChoices())
        .data("scheduleNames", scheduleNames())
        .data("edit", edit);
  }

  private Map<String, String> policyChoices() {
    Map<String, String> m = new LinkedHashMap<>();
    api.get(Service.DETECTION, "/v1/escalation-policies")
        .forEach(p -> m.put(p.path("id").asText(), p.path("name").asText()));
    return m;
  }

  // --- Escalation policies ----------------------------------------------------------------------

  @GET
  @Path("policies")
  public TemplateInstance policies(@RestQuery String done) {
    Form create = Form.blank().with("repeatCount", "1");
    for (int i = 1; i <= LEVELS; i++) {
      create.with("level" + i + "Timeout", "300");
    }
    return policies(create).data("notice", Form.notice(NOTICES, done));
  }

  @POST
  @Path("policies")
  public Response createPolicy(
      @RestForm String name,
      @RestForm String repeatCount,
      @RestForm String level1Target,
      @RestForm String level1Timeout,
      @RestForm String level2Target,
      @RestForm String level2Timeout,
      @RestForm String level3Target,
      @RestForm String level3Timeout) {
    PolicyForm typed =
        new PolicyForm(
            name,
            repeatCount,
            List.of(level1Target, level2Target, level3Target),
            List.of(level1Timeout, level2Timeout, level3Timeout));
    Form form = typed.form();
    Map<String, Object> body = typed.body(form);
    if (form.hasErrors()) {
      return Response.status(422)
          .entity(policies(form.problem("The policy was not added.")))
          .build();
    }
    try {
      api.post(Service.DETECTION, "/v1/escalation-policies", body);
      return Response.seeOther(URI.create("/admin/policies?done=policy-created")).build();
    } catch (ServiceProblem p) {
      return Response.status(form.refusedBy(p, PolicyForm::control).status())
          .entity(policies(form))
          .build();
    }
  }

  @GET
  @Path("policies/{id}")
  public TemplateInstance policy(@RestPath UUID id, @RestQuery String done) {
    JsonNode p = api.get(Service.DETECTION, "/v1/escalation-policies/" + id);
    return policy(p, PolicyForm.of(p)).data("notice", Form.notice(NOTICES, done));
  }

  @POST
  @Path("policies/{id}")
  public Response changePolicy(
      @RestPath UUID id,
      @RestForm String name,
      @RestForm String repeatCount,
      @RestForm String level1Target,
      @RestForm String level1Timeout,
      @RestForm String level2Target,
      @RestForm String level2Timeout,
      @RestForm String level3Target,
      @RestForm String level3Timeout) {
    PolicyForm typed =
        new PolicyForm(
            name,
            repeatCount,
            List.of(level1Target, level2Target, level3Target),
            List.of(level1Timeout, level2Timeout, level3Timeout));
    Form form = typed.form();
    Map<String, Object> body = typed.body(form);
    String path = "/v1/escalation-policies/" + id;
    if (form.hasErrors()) {
      return Response.status(422)
          .entity(
              policy(api.get(Service.DETECTION, path), form.problem("The policy was not saved.")))
          .build();
    }
    try {
      api.put(Service.DETECTION, path, body);
      return Response.seeOther(URI.create("/admin/policies/" + id + "?done=policy")).build();
    } catch (ServiceProblem p) {
      return Response.status(form.refusedBy(p, PolicyForm::control).status())
          .entity(policy(api.get(Service.DETECTION, path), form))
          .build();
    }
  }

  private TemplateInstance policies(Form create) {
    return policiesPage
        .data("nav", "admin")
        .data("policies", api.get(Service.DETECTION, "/v1/escalation-policies"))
        .data("scheduleNames", scheduleNames())
        .data("targets", targets(create))
        .data("levels", levelNumbers())
        .data("create", create);
  }

  private TemplateInstance policy(JsonNode p, Form edit) {
    return policyPage
        .data("nav", "admin")
        .data("policy", p)
        .data("editAction", "/admin/policies/" + p.path("id").asText())
        .data("targets", targets(edit))
        .data("levels", levelNumbers())
        .data("edit", edit);
  }

  /** A level's row in the policy form: its number and its two controls' names. */
  @TemplateData
  public record Level(int n, String target, String timeout) {}

  private static List<Level> levelNumbers() {
    List<Level> levels = new ArrayList<>();
    for (int i = 1; i <= LEVELS; i++) {
      levels.add(new Level(i, "level" + i + "Target", "level" + i + "Timeout"));
    }
    return levels;
  }

  /**
   * Whom a level can page: every schedule and every person set up to be paged, as {@code
   * schedule:<id>} or {@code person:<id>}; a target the form already holds stays choosable.
   */
  private Map<String, String> targets(Form form) {
    Map<String, String> m = new LinkedHashMap<>();
    api.get(Service.DETECTION, "/v1/schedules")
        .forEach(
            s -> m.put("schedule:" + s.path("id").asText(), "Schedule " + s.path("name").asText()));
    api.get(Service.DETECTION, "/v1/people")
        .forEach(p -> m.put("person:" + p.path("id").asText(), "Person " + p.path("id").asText()));
    for (int i = 1; i <= LEVELS; i++) {
      String v = form.value("level" + i + "Target");
      if (!v.isEmpty() && !m.containsKey(v)) {
        m.put(v, v.replace(':', ' '));
      }
    }
    return m;
  }

  private Map<String, String> scheduleNames() {
    Map<String, String> m = new LinkedHashMap<>();
    api.get(Service.DETECTION, "/v1/schedules")
        .forEach(s -> m.put(s.path("id").asText(), s.path("name").asText()));
    return m;
  }

  // --- Schedules --------------------------------------------------------------------------------

  @GET
  @Path("schedules")
  public TemplateInstance schedules(@RestQuery String done) {
    Form create =
        Form.blank()
            .with("timeZone", "UTC")
            .with("rotationLength", "P7D")
            .with("handoffTime", "09:00")
            .with("startsOn", LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString());
    return schedules(create).data("notice", Form.notice(NOTICES, done));
  }

  @POST
  @Path("schedules")
  public Response createSchedule(
      @RestForm String name,
      @RestForm String timeZone,
      @RestForm String members,
      @RestForm String rotationLength,
      @RestForm String handoffTime,
      @RestForm String startsOn) {
    Form form =
        Form.blank()
            .with("name", name)
            .with("timeZone", timeZone)
            .with("members", members)
            .with("rotationLength", rotationLength)
            .with("handoffTime", handoffTime)
            .with("startsOn", startsOn);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", EndpointsResource.trim(name));
    body.put("timeZone", EndpointsResource.trim(timeZone));
    body.put("members", Form.entries(members));
    body.put("rotationLength", EndpointsResource.trim(rotationLength));
    body.put("handoffTime", EndpointsResource.blank(handoffTime) ? null : handoffTime.trim());
    body.put("startsOn", EndpointsResource.blank(startsOn) ? null : startsOn.trim());
    try {
      JsonNode created = api.post(Service.DETECTION, "/v1/schedules", body);
      return Response.seeOther(
              URI.create("/admin/schedules/" + created.path("id").asText() + "?done=schedule"))
          .build();
    } catch (ServiceProblem p) {
      return Response.status(form.refusedBy(p).status()).entity(schedules(form)).build();
    }
  }

  @GET
  @Path("schedules/{id}")
  public TemplateInstance schedule(@RestPath UUID id, @RestQuery String done) {
    return schedule(id, Form.blank()).data("notice", Form.notice(NOTICES, done));
  }

  @POST
  @Path("schedules/{id}/overrides")
  public Response addOverride(
      @RestPath UUID id,
      @RestForm String person,
      @RestForm String startsAt,
      @RestForm String endsAt) {
    Form form =
        Form.blank().with("person", person).with("startsAt", startsAt).with("endsAt", endsAt);
    String starts = Form.utcInstant(startsAt);
    String ends = Form.utcInstant(endsAt);
    if (starts == null) {
      form.error("startsAt", "Enter a date and time in UTC, e.g. 2026-03-12 10:00.");
    }
    if (ends == null) {
      form.error("endsAt", "Enter a date and time in UTC, e.g. 2026-03-12 18:00.");
    }
    if (form.hasErrors()) {
      return Response.status(422)
          .entity(schedule(id, form.problem("The override was not added.")))
          .build();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("person", EndpointsResource.trim(person));
    body.put("startsAt", starts);
    body.put("endsAt", ends);
    try {
      api.post(Service.DETECTION, "/v1/schedules/" + id + "/overrides", body);
      return Response.seeOther(URI.create("/admin/schedules/" + id + "?done=override")).build();
    } catch (ServiceProblem p) {
      return Response.status(form.refusedBy(p).status()).entity(schedule(id, form)).build();
    }
  }

  private TemplateInstance schedules(Form create) {
    return schedulesPage
        .data("nav", "admin")
        .data("schedules", api.get(Service.DETECTION, "/v1/schedules"))
        .data("usernames", usernames())
        .data("create", create);
  }

  private TemplateInstance schedule(UUID id, Form override) {
    return schedulePage
        .data("nav", "admin")
        .data("schedule", api.get(Service.DETECTION, "/v1/schedules/" + id))
        .data("overrides", api.get(Service.DETECTION, "/v1/schedules/" + id + "/overrides"))
        .data("usernames", usernames())
        .data("override", override);
  }

  // --- People -----------------------------------------------------------------------------------

  @GET
  @Path("people")
  public TemplateInstance people(@RestQuery String done) {
    return people(Form.blank()).data("notice", Form.notice(NOTICES, done));
  }

  @POST
  @Path("people")
  public Response createPerson(
      @RestForm String id, @RestForm String name, @RestForm String webhookUrl) {
    Form form = Form.blank().with("id", id).with("name", name).with("webhookUrl", webhookUrl);
    if (EndpointsResource.blank(id)) {
      form.error("id", "Enter the person's username.").problem("Nothing was saved.");
      return Response.status(422).entity(people(form)).build();
    }
    if (exists(api.get(Service.DETECTION, "/v1/people"), "id", id.trim())) {
      form.error("id", id.trim() + " is already set up: change them on their page.")
          .problem("Nothing was saved.");
      return Response.status(409).entity(people(form)).build();
    }
    try {
      return personSaved(putPerson(id.trim(), name, webhookUrl, false));
    } catch (ServiceProblem p) {
      return Response.status(form.refusedBy(p).status()).entity(people(form)).build();
    }
  }

  @GET
  @Path("people/{id}")
  public TemplateInstance person(@RestPath String id, @RestQuery String done) {
    JsonNode p = findPerson(id);
    Form edit =
        Form.blank()
            .with("name", p.path("name").asText(""))
            .with("webhookUrl", p.path("webhookUrl").asText(""));
    return person(p, edit).data("notice", Form.notice(NOTICES, done));
  }

  @POST
  @Path("people/{id}")
  public Response changePerson(
      @RestPath String id,
      @RestForm String name,
      @RestForm String webhookUrl,
      @RestForm String rotateSecret) {
    Form form =
        Form.blank()
            .with("name", name)
            .with("webhookUrl", webhookUrl)
            .with("rotateSecret", rotateSecret);
    try {
      return personSaved(putPerson(id, name, webhookUrl, "on".equals(rotateSecret)));
    } catch (ServiceProblem p) {
      return Response.status(form.refusedBy(p).status())
          .entity(person(findPerson(id), form))
          .build();
    }
  }

  private JsonNode putPerson(String id, String name, String webhookUrl, boolean rotate) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (!EndpointsResource.blank(name)) {
      body.put("name", name.trim());
    }
    body.put("webhookUrl", EndpointsResource.trim(webhookUrl));
    if (rotate) {
      body.put("rotateSecret", true);
    }
    return api.put(Service.DETECTION, "/v1/people/" + Urls.segment(id), body);
  }

  /** A saved person: their new signing secret shown once when there is one, else the list. */
  private Response personSaved(JsonNode p) {
    String id = p.path("id").asText();
    if (p.hasNonNull("webhookSecret")) {
      return Response.ok(
              secret
                  .data("nav", "admin")
                  .data("title", "Signing secret of " + id + "'s pages")
                  .data(
                      "intro",
                      "Pages to "
                          + id
                          + " are signed (Standard Webhooks) with this secret; the receiver at "
                          + p.path("webhookUrl").asText()
                          + " checks them with it.")
                  .data("label", "Signing secret")
                  .data("secret", p.path("webhookSecret").asText())
                  .data("back", "/admin/people")
                  .data("backText", "Back to people paged"))
          .header("Cache-Control", "no-store")
          .build();
    }
    return Response.seeOther(URI.create("/admin/people?done=person")).build();
  }

  private JsonNode findPerson(String id) {
    for (JsonNode p : api.get(Service.DETECTION, "/v1/people")) {
      if (p.path("id").asText().equals(id)) {
        return p;
      }
    }
    throw new ServiceProblem(
        404,
        "No such person",
        "Nobody with the id \"" + id + "\" is set up to be paged.",
        Map.of());
  }

  private TemplateInstance people(Form create) {
    return peoplePage
        .data("nav", "admin")
        .data("people", api.get(Service.DETECTION, "/v1/people"))
        .data("usernames", usernames())
        .data("create", create);
  }

  private TemplateInstance person(JsonNode p, Form edit) {
    return personPage
        .data("nav", "admin")
        .data("person", p)
        .data("personPath", Urls.segment(p.path("id").asText()))
        .data("edit", edit);
  }

  /** Whether a list holds an item whose {@code field} is {@code value}. */
  private static boolean exists(JsonNode items, String field, String value) {
    for (JsonNode i : items) {
      if (i.path(field).asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** The console's usernames, offered where a person's id is typed (it is their username). */
  private List<String> usernames() {
    return accounts.list().stream().filter(a -> !a.disabled()).map(Account::username).toList();
  }
}
