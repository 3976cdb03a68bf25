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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Where broadcast-service delivers: endpoints (Slack, Teams, signed webhooks) and the subscriptions
 * that put an endpoint in an audience. A webhook endpoint's signing secret is shown once, on the
 * page that answers its creation or rotation.
 */
@Path("/admin")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class EndpointsResource {

  static final Map<String, String> KINDS =
      linked("slack", "Slack", "teams", "Microsoft Teams", "webhook", "Webhook (signed JSON)");
  static final List<String> SEVERITIES = List.of("SEV1", "SEV2", "SEV3", "SEV4");

  static final Map<String, String> NOTICES =
      Map.of(
          "created", "Endpoint added. Subscribe it to an audience so that it hears something.",
          "saved", "Endpoint saved.",
          "deleted", "Endpoint deleted, with its subscriptions.",
          "subscribed", "Subscription added.",
          "unsubscribed", "Subscription removed.");

  @Inject Api api;

  @Inject
  @Location("admin/endpoints.html")
  Template list;

  @Inject
  @Location("admin/endpoint.html")
  Template one;

  @Inject
  @Location("admin/subscriptions.html")
  Template subscriptions;

  @Inject
  @Location("admin/secret.html")
  Template secret;

  // --- Endpoints --------------------------------------------------------------------------------

  @GET
  @Path("endpoints")
  public TemplateInstance endpoints(@RestQuery String done) {
    return list(Form.blank().with("kind", "slack")).data("notice", Form.notice(NOTICES, done));
  }

  @POST
  @Path("endpoints")
  public Response create(@RestForm String name, @RestForm String kind, @RestForm String url) {
    Form form = Form.blank().with("name", name).with("kind", kind).with("url", url);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", trim(name));
    body.put("kind", trim(kind));
    body.put("url", trim(url));
    try {
      JsonNode created = api.post(Service.BROADCAST, "/v1/endpoints", body);
      String id = created.path("id").asText();
      if (created.hasNonNull("secret")) {
        return secretPage(created, "created");
      }
      return Response.seeOther(URI.create("/admin/endpoints/" + id + "?done=created")).build();
    } catch (ServiceProblem p) {
      return Response.status(form.refusedBy(p).status()).entity(list(form)).build();
    }
  }

  @GET
  @Path("endpoints/{id}")
  public TemplateInstance endpoint(@RestPath UUID id, @RestQuery String done) {
    JsonNode e = api.get(Service.BROADCAST, "/v1/endpoints/" + id);
    return one(e, edit(e), Form.blank()).data("notice", Form.notice(NOTICES, done));
  }

  @POST
  @Path("endpoints/{id}")
  public Response change(
      @RestPath UUID id, @RestForm String name, @RestForm String url, @RestForm String enabled) {
    Form form = Form.blank().with("name", name).with("url", url).with("enabled", enabled);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", trim(name));
    body.put("url", trim(url));
    body.put("enabled", "on".equals(enabled));
    try {
      api.patch(Service.BROADCAST, "/v1/endpoints/" + id, body, null);
      return Response.seeOther(URI.create("/admin/endpoints/" + id + "?done=saved")).build();
    } catch (ServiceProblem p) {
      JsonNode e = api.get(Service.BROADCAST, "/v1/endpoints/" + id);
      return Response.status(form.refusedBy(p).status()).entity(one(e, form, Form.blank())).build();
    }
  }

  @POST
  @Path("endpoints/{id}/rotate")
  public Response rotate(@RestPath UUID id) {
    try {
      JsonNode rotated =
          api.post(Service.BROADCAST, "/v1/endpoints/" + id + "/secret/rotate", Map.of());
      return secretPage(rotated, "rotated");
    } catch (ServiceProblem p) {
      JsonNode e = api.get(Service.BROADCAST, "/v1/endpoints/" + id);
      Form form = Form.blank().refusedBy(p, field -> null);
      return Response.status(form.status()).entity(one(e, edit(e), form)).build();
    }
  }

  @POST
  @Path("endpoints/{id}/delete")
  public Response delete(@RestPath UUID id) {
    api.delete(Service.BROADCAST, "/v1/endpoints/" + id);
    return Response.seeOther(URI.create("/admin/endpoints?done=deleted")).build();
  }

  // --- Subscriptions ----------------------------------------------------------------------------

  @GET
  @Path("subscriptions")
  public TemplateInstance subscriptions(@RestQuery String done, @RestQuery String endpoint) {
    return subscriptionsPage(Form.blank().with("endpointId", endpoint))
        .data("notice", Form.notice(NOTICES, done));
  }

  @POST
  @Path("subscriptions")
  public Response subscribe(
      @RestForm String audience,
      @RestForm String endpointId,
      @RestForm String domains,
      @RestForm String services,
      @RestForm String minSeverity,
      @RestForm String kinds) {
    Form form =
        Form.blank()
            .with("audience", audience)
            .with("endpointId", endpointId)
            .with("domains", domains)
            .with("services", services)
            .with("minSeverity", minSeverity)
            .with("kinds", kinds);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("audience", trim(audience));
    body.put("endpointId", blank(endpointId) ? null : endpointId.trim());
    body.put("domains", Form.entries(domains));
    body.put("services", Form.entries(services));
    body.put("kinds", Form.entries(kinds));
    if (!blank(minSeverity)) {
      body.put("minSeverity", minSeverity.trim());
    }
    try {
      api.post(Service.BROADCAST, "/v1/subscriptions", body);
      return Response.seeOther(URI.create("/admin/subscriptions?done=subscribed")).build();
    } catch (ServiceProblem p) {
      return Response.status(form.refusedBy(p).status()).entity(subscriptionsPage(form)).build();
    }
  }

  @POST
  @Path("subscriptions/{id}/delete")
  public Response unsubscribe(@RestPath UUID id) {
    api.delete(Service.BROADCAST, "/v1/subscriptions/" + id);
    return Response.seeOther(URI.create("/admin/subscriptions?done=unsubscribed")).build();
  }

  // --- Pages ------------------------------------------------------------------------------------

  private Response secretPage(JsonNode endpoint, String what) {
    return Response.ok(
            secret
                .data("nav", "admin")
                .data("title", "Signing secret of " + endpoint.path("name").asText())
                .data(
                    "intro",
                    "created".equals(what)
                        ? "The webhook endpoint is registered. Its receiver checks every delivery's"
                            + " signature (Standard Webhooks) with this secret."
                        : "A new signing secret. The old one stays valid for a grace period, so"
                            + " update the receiver now.")
                .data("label", "Signing secret")
                .data("secret", endpoint.path("secret").asText())
                .data("back", "/admin/endpoints/" + endpoint.path("id").asText())
                .data("backText", "Back to the endpoint"))
        .header("Cache-Control", "no-store")
        .build();
  }

  private TemplateInstance list(Form create) {
    return list.data("nav", "admin")
        .data("endpoints", api.items(Service.BROADCAST, "/v1/endpoints?limit=200"))
        .data("kinds", KINDS)
        .data("create", create);
  }

  private TemplateInstance one(JsonNode endpoint, Form edit, Form rotate) {
    String id = endpoint.path("id").asText();
    JsonNode subscribed = api.get(Service.BROADCAST, "/v1/subscriptions?endpointId=" + id);
    return one.data("nav", "admin")
        .data("endpoint", endpoint)
        .data("kindLabel", KINDS.getOrDefault(endpoint.path("kind").asText(), ""))
        .data("subscriptions", subscribed)
        .data("filters", filters(subscribed))
        .data("edit", edit)
        .data("rotate", rotate);
  }

  private static Form edit(JsonNode e) {
    return Form.blank()
        .with("name", e.path("name").asText())
        .with("url", e.path("url").asText())
        .with("enabled", e.path("enabled").asBoolean() ? "on" : "");
  }

  private TemplateInstance subscriptionsPage(Form create) {
    List<JsonNode> endpoints = api.items(Service.BROADCAST, "/v1/endpoints?limit=200");
    Map<String, String> endpointNames = new LinkedHashMap<>();
    endpoints.forEach(e -> endpointNames.put(e.path("id").asText(), e.path("name").asText()));
    JsonNode audiences = api.get(Service.BROADCAST, "/v1/audiences");
    Map<String, String> audienceNames = new LinkedHashMap<>();
    audiences.forEach(a -> audienceNames.put(a.path("key").asText(), a.path("name").asText()));
    JsonNode all = api.get(Service.BROADCAST, "/v1/subscriptions");
    return subscriptions
        .data("nav", "admin")
        .data("subscriptions", all)
        .data("filters", filters(all))
        .data("endpoints", endpoints)
        .data("endpointNames", endpointNames)
        .data("audiences", audiences)
        .data("audienceNames", audienceNames)
        .data("severities", SEVERITIES)
        .data("create", create);
  }

  /** Subscription id → what it is limited to, in words ("every incident" when nothing). */
  static Map<String, String> filters(JsonNode subscriptions) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode s : subscriptions) {
      List<String> parts = new java.util.ArrayList<>();
      if (!s.path("domains").isEmpty()) {
        parts.add("domains " + join(s.path("domains")));
      }
      if (!s.path("services").isEmpty()) {
        parts.add("services " + join(s.path("services")));
      }
      if (s.hasNonNull("minSeverity")) {
        parts.add(s.path("minSeverity").asText() + " or worse");
      }
      if (!s.path("kinds").isEmpty()) {
        parts.add("kinds " + join(s.path("kinds")));
      }
      out.put(s.path("id").asText(), parts.isEmpty() ? "every incident" : String.join("; ", parts));
    }
    return out;
  }

  private static String join(JsonNode array) {
    List<String> texts = new java.util.ArrayList<>();
    array.forEach(e -> texts.add(e.asText()));
    return String.join(", ", texts);
  }

  static Map<String, String> linked(String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  static String trim(String s) {
    return s == null ? "" : s.trim();
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
