package io.firebell.console.incidents;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.client.Http;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Incidents: the open and recent ones, filtered by status, severity, domain and service, live; and
 * the one prominent Declare form with only the confirmed minimum (title, service or domain;
 * severity optional) and how the incident came to light (its kind; a partner report names its
 * partner).
 */
@Path("/incidents")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class IncidentsResource {

  public static final List<String> STATUSES =
      List.of("investigating", "identified", "monitoring", "resolved", "closed");
  public static final List<String> SEVERITIES = List.of("SEV1", "SEV2", "SEV3", "SEV4");

  /**
   * How an incident came to light: incident-service's detection methods ({@code detectionMethod}),
   * hand-declared ones first. A partner report names its partner; an external integration may.
   */
  public static final Map<String, String> KINDS = kinds();

  private static Map<String, String> kinds() {
    Map<String, String> kinds = new LinkedHashMap<>();
    kinds.put("manual", "Noticed by the on-call engineer");
    kinds.put("employee", "Reported by an employee");
    kinds.put("cs_inquiry", "Customer inquiries (CS desk)");
    kinds.put("partner_report", "A partner reported it");
    kinds.put("system_alarm", "A system alarm");
    kinds.put("business_metric", "A business metric (orders, payments…)");
    kinds.put("external_integration", "An external integration's alert");
    return kinds;
  }

  @Inject Api api;

  @Inject
  @Location("incidents.html")
  Template page;

  @Inject
  @Location("incidents-list.html")
  Template list;

  /** The filters of the list, as the query string gave them. */
  public record Filter(String status, String severity, String domain, String service) {

    String query() {
      StringBuilder q = new StringBuilder("limit=100");
      if (status != null && !status.isBlank()) {
        if (status.equals("open")) {
          for (String s : List.of("investigating", "identified", "monitoring")) {
            q.append("&status=").append(s);
          }
        } else {
          q.append("&status=").append(Api.q(status));
        }
      }
      append(q, "severity", severity);
      append(q, "domain", domain);
      append(q, "service", service);
      return q.toString();
    }

    /** The same filters for the live list's URL. */
    public String asQuery() {
      StringBuilder q = new StringBuilder();
      append(q, "status", status);
      append(q, "severity", severity);
      append(q, "domain", domain);
      append(q, "service", service);
      return q.length() == 0 ? "" : q.substring(1);
    }

    private static void append(StringBuilder q, String name, String value) {
      if (value != null && !value.isBlank()) {
        q.append('&').append(name).append('=').append(Api.q(value.trim()));
      }
    }
  }

  @GET
  public TemplateInstance incidents(
      @RestQuery String status,
      @RestQuery String severity,
      @RestQuery String domain,
      @RestQuery String service) {
    Filter filter = new Filter(status, severity, domain, service);
    return render(filter, Map.of(), null, null);
  }

  /** The list alone: what the page's live region re-reads when an incident changes. */
  @GET
  @Path("list")
  public TemplateInstance listFragment(
      @RestQuery String status,
      @RestQuery String severity,
      @RestQuery String domain,
      @RestQuery String service) {
    Filter filter = new Filter(status, severity, domain, service);
    return list.data("incidents", api.get(Service.INCIDENT, "/v1/incidents?" + filter.query()))
        .data("filter", filter);
  }

  @POST
  @RolesAllowed("responder")
  public Response declare(
      @RestForm String title,
      @RestForm String service,
      @RestForm String domain,
      @RestForm String severity,
      @RestForm String kind,
      @RestForm String partner) {
    String method = blank(kind) ? "manual" : kind.trim();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", trim(title));
    if (!blank(service)) {
      body.put("service", service.trim());
    }
    if (!blank(domain)) {
      body.put("domain", domain.trim());
    }
    if (!blank(severity)) {
      body.put("severity", severity.trim());
    }
    body.put("detectionMethod", method);
    if (!blank(partner)) {
      body.put("partner", partner.trim());
    }
    Map<String, String> typed = new LinkedHashMap<>();
    typed.put("title", title == null ? "" : title);
    typed.put("service", service == null ? "" : service);
    typed.put("domain", domain == null ? "" : domain);
    typed.put("severity", severity == null ? "" : severity);
    typed.put("kind", method);
    typed.put("partner", partner == null ? "" : partner);
    // A partner report without its partner is incident-service's rule: its refusal names the field.
    if (blank(title) || (blank(service) && blank(domain))) {
      Map<String, String> errors = new LinkedHashMap<>();
      if (blank(title)) {
        errors.put("title", "Say in a few words what is wrong.");
      }
      if (blank(service) && blank(domain)) {
        errors.put("service", "Name the affected service or its domain.");
      }
      return Response.status(422)
          .entity(render(new Filter("open", null, null, null), typed, errors, null))
          .build();
    }
    try {
      Http.Response created = api.postRaw(Service.INCIDENT, "/v1/incidents", body);
      if (created.status() != 201) {
        throw ServiceProblem.of(created.status(), created.json(), created.body());
      }
      return Response.seeOther(URI.create("/incidents/" + created.json().path("id").asText()))
          .build();
    } catch (ServiceProblem p) {
      Map<String, String> errors = new LinkedHashMap<>(p.fields());
      return Response.status(p.status() == 403 ? 403 : 422)
          .entity(render(new Filter("open", null, null, null), typed, errors, p.words()))
          .build();
    }
  }

  private TemplateInstance render(
      Filter filter, Map<String, String> typed, Map<String, String> errors, String problem) {
    JsonNode incidents = api.get(Service.INCIDENT, "/v1/incidents?" + filter.query());
    return page.data("nav", "incidents")
        .data("incidents", incidents)
        .data("filter", filter)
        .data("statuses", STATUSES)
        .data("severities", SEVERITIES)
        .data("kinds", KINDS)
        .data("typed", typed)
        .data("errors", errors == null ? Map.of() : errors)
        .data("problem", problem);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String trim(String s) {
    return s == null ? "" : s.trim();
  }
}
