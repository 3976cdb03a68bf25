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
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The glossary broadcast-service checks service-register texts against: a jargon term and the plain
 * words to use instead.
 */
@Path("/admin/glossary")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class GlossaryResource {

  static final Map<String, String> NOTICES =
      Map.of(
          "created", "Term added: updates in service words are checked for it.",
          "saved", "Plain words saved.",
          "deleted", "Term deleted.");

  @Inject Api api;

  @Inject
  @Location("admin/glossary.html")
  Template list;

  @Inject
  @Location("admin/term.html")
  Template one;

  @GET
  public TemplateInstance glossary(@RestQuery String done) {
    return list(Form.blank()).data("notice", Form.notice(NOTICES, done));
  }

  @POST
  public Response create(@RestForm String term, @RestForm String suggestion) {
    Form form = Form.blank().with("term", term).with("suggestion", suggestion);
    try {
      api.post(
          Service.BROADCAST,
          "/v1/glossary",
          Map.of(
              "term", EndpointsResource.trim(term),
              "suggestion", EndpointsResource.trim(suggestion)));
      return Response.seeOther(URI.create("/admin/glossary?done=created")).build();
    } catch (ServiceProblem p) {
      if (p.status() == 409 && p.fields().isEmpty()) {
        form.error("term", p.words());
      }
      return Response.status(form.refusedBy(p).status()).entity(list(form)).build();
    }
  }

  @GET
  @Path("{term}")
  public TemplateInstance term(@RestPath String term, @RestQuery String done) {
    JsonNode t = find(term);
    return one(t, Form.blank().with("suggestion", t.path("suggestion").asText()))
        .data("notice", Form.notice(NOTICES, done));
  }

  @POST
  @Path("{term}")
  public Response change(@RestPath String term, @RestForm String suggestion) {
    Form form = Form.blank().with("suggestion", suggestion);
    try {
      api.put(
          Service.BROADCAST,
          "/v1/glossary/" + Urls.segment(term),
          Map.of("suggestion", EndpointsResource.trim(suggestion)));
      return Response.seeOther(URI.create("/admin/glossary/" + Urls.segment(term) + "?done=saved"))
          .build();
    } catch (ServiceProblem p) {
      return Response.status(form.refusedBy(p).status()).entity(one(find(term), form)).build();
    }
  }

  @POST
  @Path("{term}/delete")
  public Response delete(@RestPath String term) {
    api.delete(Service.BROADCAST, "/v1/glossary/" + Urls.segment(term));
    return Response.seeOther(URI.create("/admin/glossary?done=deleted")).build();
  }

  /** The glossary has no read of one term: it is found in the list (terms are few). */
  private JsonNode find(String term) {
    for (JsonNode t : api.get(Service.BROADCAST, "/v1/glossary")) {
      if (t.path("term").asText().equalsIgnoreCase(term)) {
        return t;
      }
    }
    throw new ServiceProblem(
        404, "No such term", "The glossary has no term \"" + term + "\".", Map.of());
  }

  private TemplateInstance list(Form create) {
    return list.data("nav", "admin")
        .data("terms", api.get(Service.BROADCAST, "/v1/glossary"))
        .data("create", create);
  }

  private TemplateInstance one(JsonNode term, Form edit) {
    return one.data("nav", "admin")
        .data("term", term)
        .data("termPath", Urls.segment(term.path("term").asText()))
        .data("edit", edit);
  }
}
