package io.firebell.console.admin;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Integrations: one token per tool that sends Firebell something. Alert sources and the CS desk
 * talk to detection-service, CI/CD change sources to incident-service, so each integration is made
 * on the service its tool calls. The token is shown once, on the page that answers the create form.
 */
@Path("/admin/integrations")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class IntegrationsResource {

  /** A kind of integration: its word, what people call it, the service and path its tool calls. */
  @TemplateData
  public record Kind(String word, String label, Service service, String path) {

    public String serviceName() {
      return service == Service.INCIDENT ? "incident-service" : "detection-service";
    }
  }

  static final List<Kind> KINDS =
      List.of(
          new Kind(
              "alertmanager",
              "Prometheus Alertmanager",
              Service.DETECTION,
              "/v1/ingest/alertmanager"),
          new Kind("grafana", "Grafana Alerting", Service.DETECTION, "/v1/ingest/grafana"),
          new Kind(
              "pagerduty", "PagerDuty Events API v2 (any tool)", Service.DETECTION, "/v2/enqueue"),
          new Kind("datadog", "Datadog", Service.DETECTION, "/v1/ingest/datadog"),
          new Kind("native", "Firebell native events", Service.DETECTION, "/v1/ingest/events"),
          new Kind(
              "cs_desk", "Customer-support desk (inquiries)", Service.DETECTION, "/v1/inquiries"),
          new Kind(
              "metrics",
              "Business-metric samples (pushed)",
              Service.DETECTION,
              "/v1/metrics/{name}/samples"),
          new Kind(
              "change_source",
              "CI/CD and infrastructure changes",
              Service.INCIDENT,
              "/v1/changes"));

  static final Map<String, String> NOTICES = Map.of("revoked", "Integration revoked.");

  /** An integration in the list, with the service that holds it. */
  @TemplateData
  public record Row(
      String service, String id, String name, String kind, String createdAt, String createdBy) {}

  @Inject Api api;

  @Inject
  @Location("admin/integrations.html")
  Template list;

  @Inject
  @Location("admin/integration-created.html")
  Template created;

  @GET
  public TemplateInstance integrations(@RestQuery String done) {
    return list(Form.blank().with("kind", "alertmanager"))
        .data("notice", Form.notice(NOTICES, done));
  }

  @POST
  public Response create(@RestForm String name, @RestForm String kind) {
    Form form = Form.blank().with("name", name).with("kind", kind);
    Kind k = kind(kind);
    if (k == null) {
      form.error("kind", "Choose what kind of tool this is.").problem("Nothing was created.");
      return Response.status(422).entity(list(form)).build();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name == null ? "" : name.trim());
    body.put("kind", k.word());
    try {
      JsonNode integration = api.post(k.service(), "/v1/integrations", body);
      return Response.ok(
              created
                  .data("nav", "admin")
                  .data("integration", integration)
                  .data("kind", k)
                  .data("endpoint", api.url(k.service(), k.path())))
          .header("Cache-Control", "no-store")
          .build();
    } catch (ServiceProblem p) {
      return Response.status(form.refusedBy(p).status()).entity(list(form)).build();
    }
  }

  @POST
  @Path("{service}/{id}/revoke")
  public Response revoke(@RestPath String service, @RestPath UUID id) {
    api.delete(service(service), "/v1/integrations/" + id);
    return Response.seeOther(URI.create("/admin/integrations?done=revoked")).build();
  }

  private TemplateInstance list(Form create) {
    List<Row> rows = new ArrayList<>();
    for (Service s : List.of(Service.DETECTION, Service.INCIDENT)) {
      String word = s.name().toLowerCase();
      api.get(s, "/v1/integrations")
          .forEach(
              i ->
                  rows.add(
                      new Row(
                          word,
                          i.path("id").asText(),
                          i.path("name").asText(),
                          i.path("kind").asText(),
                          i.path("createdAt").asText(),
                          i.path("createdBy").asText())));
    }
    return list.data("nav", "admin")
        .data("integrations", rows)
        .data("kinds", KINDS)
        .data("create", create);
  }

  static Kind kind(String word) {
    return KINDS.stream().filter(k -> k.word().equals(word)).findFirst().orElse(null);
  }

  private static Service service(String word) {
    return switch (word) {
      case "detection" -> Service.DETECTION;
      case "incident" -> Service.INCIDENT;
      default ->
          throw new ServiceProblem(
              404, "No such service", "Integrations live on detection or incident.", Map.of());
    };
  }
}
