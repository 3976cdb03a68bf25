package io.firebell.console.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.console.backend.Api;
import io.firebell.console.backend.Service;
import io.firebell.console.backend.ServiceProblem;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Routes: which alerts go to which domain, what kind of signal they are, whether they page and
 * whether they declare an incident by themselves. Tried in order, first match wins; the catch-all
 * route is always last and can be re-pointed but not deleted.
 */
@Path("/admin/routes")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class RoutesResource {

  static final Map<String, String> KINDS =
      EndpointsResource.linked(
          "system", "System (metrics, errors)",
          "business", "Business (orders, payments)",
          "external_integration", "External partner",
          "cs_inquiry", "Customer-support inquiries");
  static final Map<String, String> SEVERITIES =
      EndpointsResource.linked(
          "critical", "critical", "error", "error", "warning", "warning", "info", "info");

  static final Map<String, String> NOTICES =
      Map.of(
          "created", "Route added. New alerts are routed by it within seconds.",
          "saved", "Route saved.",
          "deleted", "Route deleted.");

  @Inject Api api;

  @Inject
  @Location("admin/routes.html")
  Template list;

  @Inject
  @Location("admin/route.html")
  Template one;

  /** The route form as people type it. */
  public record Typed(
      String name,
      String position,
      String matchers,
      String domain,
      String service,
      String kind,
      String severity,
      String partner,
      String groupBy,
      String autoDeclare,
      String page,
      String pageMinSeverity) {

    Form form() {
      return Form.blank()
          .with("name", name)
          .with("position", position)
          .with("matchers", matchers)
          .with("domain", domain)
          .with("service", service)
          .with("kind", kind)
          .with("severity", severity)
          .with("partner", partner)
          .with("groupBy", groupBy)
          .with("autoDeclare", autoDeclare)
          .with("page", page)
          .with("pageMinSeverity", pageMinSeverity);
    }

    /** The API's route request; a position that is not a whole number is put on {@code form}. */
    Map<String, Object> body(Form form) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", EndpointsResource.trim(name));
      if (!EndpointsResource.blank(position)) {
        try {
          body.put("position", Integer.parseInt(position.trim()));
        } catch (NumberFormatException e) {
          form.error("position", "Enter a whole number: 1 is tried first.");
        }
      }
      body.put("matchers", Form.lines(matchers));
      body.put("domain", EndpointsResource.trim(domain));
      putIfSet(body, "service", service);
      putIfSet(body, "kind", kind);
      putIfSet(body, "severity", severity);
      putIfSet(body, "partner", partner);
      List<String> by = Form.entries(groupBy);
      if (!by.isEmpty()) {
        body.put("groupBy", by);
      }
      body.put("autoDeclare", "on".equals(autoDeclare));
      body.put("page", "on".equals(page));
      putIfSet(body, "pageMinSeverity", pageMinSeverity);
      return body;
    }

    private static void putIfSet(Map<String, Object> body, String field, String value) {
      if (!EndpointsResource.blank(value)) {
        body.put(field, value.trim());
      }
    }
  }

  @GET
  public TemplateInstance routes(@RestQuery String done) {
    Form create =
        Form.blank()
            .with("kind", "system")
            .with("page", "on")
            .with("pageMinSeverity", "critical")
            .with("groupBy", "alertname");
    return list(create).data("notice", Form.notice(NOTICES, done));
  }

  @POST
  public Response create(
      @RestForm String name,
      @RestForm String position,
      @RestForm String matchers,
      @RestForm String domain,
      @RestForm String service,
      @RestForm String kind,
      @RestForm String severity,
      @RestForm String partner,
      @RestForm String groupBy,
      @RestForm String autoDeclare,
      @RestForm String page,
      @RestForm String pageMinSeverity) {
    Typed typed =
        new Typed(
            name,
            position,
            matchers,
            domain,
            service,
            kind,
            severity,
            partner,
            groupBy,
            autoDeclare,
            page,
            pageMinSeverity);
    Form form = typed.form();
    Map<String, Object> body = typed.body(form);
    if (form.hasErrors()) {
      return Response.status(422).entity(list(form.problem("The route was not added."))).build();
    }
    try {
      api.post(Service.DETECTION, "/v1/routes", body);
      return Response.seeOther(URI.create("/admin/routes?done=created")).build();
    } catch (ServiceProblem p) {
      return Response.status(form.refusedBy(p).status()).entity(list(form)).build();
    }
  }

  @GET
  @Path("{id}")
  public TemplateInstance route(@RestPath UUID id, @RestQuery String done) {
    JsonNode r = api.get(Service.DETECTION, "/v1/routes/" + id);
    return one(r, typed(r)).data("notice", Form.notice(NOTICES, done));
  }

  @POST
  @Path("{id}")
  public Response change(
      @RestPath UUID id,
      @RestForm String name,
      @RestForm String position,
      @RestForm String matchers,
      @RestForm String domain,
      @RestForm String service,
      @RestForm String kind,
      @RestForm String severity,
      @RestForm String partner,
      @RestForm String groupBy,
      @RestForm String autoDeclare,
      @RestForm String page,
      @RestForm String pageMinSeverity) {
    JsonNode r = api.get(Service.DETECTION, "/v1/routes/" + id);
    boolean catchAll = r.path("catchAll").asBoolean();
    Typed typed =
        new Typed(
            catchAll ? r.path("name").asText() : name,
            catchAll ? null : position,
            catchAll ? "" : matchers,
            domain,
            service,
            kind,
            severity,
            partner,
            groupBy,
            autoDeclare,
            page,
            pageMinSeverity);
    Form form = typed.form();
    Map<String, Object> body = typed.body(form);
    if (form.hasErrors()) {
      return Response.status(422).entity(one(r, form.problem("The route was not saved."))).build();
    }
    try {
      api.put(Service.DETECTION, "/v1/routes/" + id, body);
      return Response.seeOther(URI.create("/admin/routes/" + id + "?done=saved")).build();
    } catch (ServiceProblem p) {
      return Response.status(form.refusedBy(p).status()).entity(one(r, form)).build();
    }
  }

  @POST
  @Path("{id}/delete")
  public Response delete(@RestPath UUID id) {
    try {
      api.delete(Service.DETECTION, "/v1/routes/" + id);
      return Response.seeOther(URI.create("/admin/routes?done=deleted")).build();
    } catch (ServiceProblem p) {
      JsonNode r = api.get(Service.DETECTION, "/v1/routes/" + id);
      return Response.status(p.status() == 409 ? 409 : 422)
          .entity(one(r, typed(r)).data("deleteProblem", p.words()))
          .build();
    }
  }

  /** The route as its edit form shows it (positions are 1-based in the form, 0-based stored). */
  private static Form typed(JsonNode r) {
    List<String> matchers = new ArrayList<>();
    r.path("matchers").forEach(m -> matchers.add(m.asText()));
    List<String> by = new ArrayList<>();
    r.path("groupBy").forEach(g -> by.add(g.asText()));
    return new Typed(
            r.path("name").asText(),
            r.path("catchAll").asBoolean() ? "" : String.valueOf(r.path("position").asInt() + 1),
            String.join("\n", matchers),
            r.path("domain").asText(),
            r.path("service").asText(""),
            r.path("kind").asText(),
            r.path("severity").asText(""),
            r.path("partner").asText(""),
            String.join(", ", by),
            r.path("autoDeclare").asBoolean() ? "on" : "",
            r.path("page").asBoolean() ? "on" : "",
            r.path("pageMinSeverity").asText())
        .form();
  }

  private TemplateInstance list(Form create) {
    return list.data("nav", "admin")
        .data("routes", api.get(Service.DETECTION, "/v1/routes"))
        .data("domains", domains())
        .data("kinds", KINDS)
        .data("severities", SEVERITIES)
        .data("create", create);
  }

  private TemplateInstance one(JsonNode route, Form edit) {
    return one.data("nav", "admin")
        .data("route", route)
        .data("editAction", "/admin/routes/" + route.path("id").asText())
        .data("domains", domains())
        .data("kinds", KINDS)
        .data("severities", SEVERITIES)
        .data("edit", edit);
  }

  private Map<String, String> domains() {
    Map<String, String> names = new LinkedHashMap<>();
    api.get(Service.DETECTION, "/v1/domains")
        .forEach(d -> names.put(d.path("name").asText(), d.path("name").asText()));
    return names;
  }
}
