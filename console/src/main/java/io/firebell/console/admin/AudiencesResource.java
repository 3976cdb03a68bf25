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
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Audiences: who broadcast-service speaks to — inside the company (they hear the fire alarm) or
 * outside (only complete structured updates) — and in which register (engineering or service
 * words).
 */
@Path("/admin/audiences")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AudiencesResource {

  static final Map<String, String> SCOPES =
      EndpointsResource.linked(
          "internal",
          "Internal (hears the fire alarm)",
          "external",
          "External (only complete updates)");
  static final Map<String, String> REGISTERS =
      EndpointsResource.linked(
          "service",
          "Service (orders, payments, deliveries; no system terms)",
          "engineering",
          "Engineering (may name services, severity and the war room)");

  static final Map<String, String> NOTICES =
      Map.of(
          "created", "Audience added. Subscribe endpoints to it so that it hears something.",
          "saved", "Audience saved.",
          "deleted", "Audience deleted, with its subscriptions.");

  @Inject Api api;

  @Inject
  @Location("admin/audiences.html")
  Template list;

  @Inject
  @Location("admin/audience.html")
  Template one;

  @GET
  public TemplateInstance audiences(@RestQuery String done) {
    return list(Form.blank().with("scope", "external").with("register", "service"))
        .data("notice", Form.notice(NOTICES, done));
  }

  @POST
  public Response create(
      @RestForm String key,
      @RestForm String name,
      @RestForm String scope,
      @RestForm String register,
      @RestForm String description) {
    Form form =
        Form.blank()
            .with("key", key)
            .with("name", name)
            .with("scope", scope)
            .with("register", register)
            .with("description", description);
    Map<String, Object> body = body(name, scope, register, description);
    body.put("key", EndpointsResource.trim(key));
    try {
      api.post(Service.BROADCAST, "/v1/audiences", body);
      return Response.seeOther(URI.create("/admin/audiences?done=created")).build();
    } catch (ServiceProblem p) {
      return Response.status(form.refusedBy(p).status()).entity(list(form)).build();
    }
  }

  @GET
  @Path("{key}")
  public TemplateInstance audience(@RestPath String key, @RestQuery String done) {
    JsonNode a = api.get(Service.BROADCAST, "/v1/audiences/" + Urls.segment(key));
    Form edit =
        Form.blank()
            .with("name", a.path("name").asText())
            .with("scope", a.path("scope").asText())
            .with("register", a.path("register").asText())
            .with("description", a.path("description").asText(""))
            .with("updateTemplate", a.path("updateTemplate").asText(""));
    return one(a, edit).data("notice", Form.notice(NOTICES, done));
  }

  @POST
  @Path("{key}")
  public Response change(
      @RestPath String key,
      @RestForm String name,
      @RestForm String scope,
      @RestForm String register,
      @RestForm String description,
      @RestForm String updateTemplate) {
    Form form =
        Form.blank()
            .with("name", name)
            .with("scope", scope)
            .with("register", register)
            .with("description", description)
            .with("updateTemplate", updateTemplate);
    String path = "/v1/audiences/" + Urls.segment(key);
    Map<String, Object> body = body(name, scope, register, description);
    if (updateTemplate != null) {
      // empty: back to the register's words (broadcast-service keeps the template when absent)
      body.put("updateTemplate", updateTemplate.strip());
    }
    try {
      api.put(Service.BROADCAST, path, body);
      return Response.seeOther(URI.create("/admin/audiences/" + Urls.segment(key) + "?done=saved"))
          .build();
    } catch (ServiceProblem p) {
      JsonNode a = api.get(Service.BROADCAST, path);
      return Response.status(form.refusedBy(p).status()).entity(one(a, form)).build();
    }
  }

  @POST
  @Path("{key}/delete")
  public Response delete(@RestPath String key) {
    api.delete(Service.BROADCAST, "/v1/audiences/" + Urls.segment(key));
    return Response.seeOther(URI.create("/admin/audiences?done=deleted")).build();
  }

  private static Map<String, Object> body(
      String name, String scope, String register, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", EndpointsResource.trim(name));
    body.put("scope", EndpointsResource.trim(scope));
    body.put("register", EndpointsResource.trim(register));
    if (!EndpointsResource.blank(description)) {
      body.put("description", description.trim());
    }
    return body;
  }

  private TemplateInstance list(Form create) {
    return list.data("nav", "admin")
        .data("audiences", api.get(Service.BROADCAST, "/v1/audiences"))
        .data("scopes", SCOPES)
        .data("registers", REGISTERS)
        .data("create", create);
  }

  private TemplateInstance one(JsonNode audience, Form edit) {
    return one.data("nav", "admin")
        .data("audience", audience)
        .data("keyPath", Urls.segment(audience.path("key").asText()))
        .data("scopes", SCOPES)
        .data("registers", REGISTERS)
        .data("edit", edit);
  }
}
