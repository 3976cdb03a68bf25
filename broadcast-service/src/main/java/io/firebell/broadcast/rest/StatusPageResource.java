package io.firebell.broadcast.rest;

import io.firebell.broadcast.service.StatusPage;
import io.firebell.broadcast.service.StatusPageService;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The public status page: no sign-in, cacheable for 30 s, and only what was published to external
 * audiences. Also as an Atom feed and as Statuspage-compatible JSON, so existing status widgets and
 * monitors can read it.
 */
@Path("/")
@PermitAll
@Tag(name = "Status page")
public class StatusPageResource {

  static final String CACHE = "public, max-age=30";
  static final String ATOM = "application/atom+xml";
  private static final String ATOM_NS = "http://www.w3.org/2005/Atom";

  private final StatusPageService pages;
  private final Template html;

  public StatusPageResource(StatusPageService pages, @Location("status.html") Template html) {
    this.pages = pages;
    this.html = html;
  }

  @GET
  @Path("/status")
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "The public status page (HTML)")
  public Uni<Response> page() {
    return pages
        .page()
        .map(p -> cacheable(html.data("page", p).render(), MediaType.TEXT_HTML + ";charset=UTF-8"));
  }

  @GET
  @Path("/status/feed.atom")
  @Produces(ATOM)
  @Operation(summary = "The public status page's updates as an Atom feed")
  public Uni<Response> feed() {
    return pages.page().map(p -> cacheable(atom(p), ATOM + ";charset=UTF-8"));
  }

  @GET
  @Path("/api/v2/summary.json")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Statuspage-compatible summary",
      description = "Page, components, unresolved incidents and the overall status indicator.")
  public Uni<Response> summary() {
    return pages
        .page()
        .map(
            p -> {
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("page", page(p));
              body.put(
                  "components",
                  p.components().stream().map(StatusPageResource::component).toList());
              body.put("incidents", p.open().stream().map(i -> incident(p, i)).toList());
              body.put("scheduled_maintenances", List.of());
              body.put(
                  "status", Map.of("indicator", p.indicator(), "description", p.description()));
              return cacheable(body, MediaType.APPLICATION_JSON);
            });
  }

  @GET
  @Path("/api/v2/incidents.json")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Statuspage-compatible incidents",
      description = "Current and recently resolved public incidents with their updates.")
  public Uni<Response> incidents() {
    return pages
        .page()
        .map(
            p -> {
              List<Map<String, Object>> incidents = new ArrayList<>();
              p.open().forEach(i -> incidents.add(incident(p, i)));
              p.resolved().forEach(i -> incidents.add(incident(p, i)));
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("page", page(p));
              body.put("incidents", incidents);
              return cacheable(body, MediaType.APPLICATION_JSON);
            });
  }

  private static Response cacheable(Object entity, String type) {
    return Response.ok(entity, type).header("Cache-Control", CACHE).build();
  }

  private static Map<String, Object> page(StatusPage p) {
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("id", "firebell");
    page.put("name", p.name());
    page.put("url", p.url());
    page.put("time_zone", "Etc/UTC");
    page.put("updated_at", p.updatedAt());
    return page;
  }

  private static Map<String, Object> component(StatusPage.Component c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("name", c.name());
    m.put("status", c.status());
    m.put("created_at", c.updatedAt());
    m.put("updated_at", c.updatedAt());
    m.put("position", c.position());
    m.put("description", null);
    m.put("showcase", true);
    m.put("start_date", null);
    m.put("group_id", null);
    m.put("page_id", "firebell");
    m.put("group", false);
    m.put("only_show_if_degraded", false);
    return m;
  }

  private static Map<String, Object> incident(StatusPage p, StatusPage.PublicIncident i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", i.id());
    m.put("name", i.name());
    m.put("status", i.status());
    m.put("created_at", i.createdAt());
    m.put("updated_at", i.updatedAt());
    m.put("monitoring_at", i.monitoringAt());
    m.put("resolved_at", i.resolvedAt());
    m.put("impact", i.impact());
    m.put("shortlink", p.url() + "#incident-" + i.id());
    m.put("started_at", i.startedAt());
    m.put("page_id", "firebell");
    List<Map<String, Object>> updates = new ArrayList<>();
    for (StatusPage.PublicUpdate u : i.updates()) {
      Map<String, Object> um = new LinkedHashMap<>();
      um.put("id", u.id());
      um.put("status", u.status());
      um.put("body", u.body());
      um.put("incident_id", i.id());
      um.put("created_at", u.at());
      um.put("updated_at", u.at());
      um.put("display_at", u.at());
      um.put(
          "affected_components",
          i.components().stream()
              .map(c -> Map.of("code", c, "name", c, "new_status", componentStatus(p, c)))
              .toList());
      updates.add(um);
    }
    m.put("incident_updates", updates);
    m.put(
        "components",
        p.components().stream()
            .filter(c -> i.components().contains(c.name()))
            .map(StatusPageResource::component)
            .toList());
    return m;
  }

  private static String componentStatus(StatusPage p, String name) {
    return p.components().stream()
        .filter(c -> c.name().equals(name))
        .map(StatusPage.Component::status)
        .findFirst()
        .orElse("operational");
  }

  /** RFC 4287: one entry per external update, newest first. */
  static String atom(StatusPage p) {
    List<Entry> entries = new ArrayList<>();
    for (List<StatusPage.PublicIncident> list : List.of(p.open(), p.resolved())) {
      for (StatusPage.PublicIncident i : list) {
        for (StatusPage.PublicUpdate u : i.updates()) {
          entries.add(new Entry(i, u));
        }
      }
    }
    entries.sort((a, b) -> b.update().at().compareTo(a.update().at()));
    Instant updated = entries.isEmpty() ? p.updatedAt() : entries.get(0).update().at();
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeStartElement("feed");
      x.writeDefaultNamespace(ATOM_NS);
      element(x, "id", p.url());
      element(x, "title", p.name());
      element(x, "updated", updated.toString());
      link(x, "alternate", p.url());
      link(x, "self", p.url() + "/feed.atom");
      x.writeStartElement("author");
      element(x, "name", p.name());
      x.writeEndElement();
      for (Entry e : entries) {
        x.writeStartElement("entry");
        element(x, "id", "urn:uuid:" + e.update().id());
        element(x, "title", label(e.update().status()) + ": " + e.incident().name());
        element(x, "updated", e.update().at().toString());
        element(x, "published", e.update().at().toString());
        link(x, "alternate", p.url() + "#incident-" + e.incident().id());
        x.writeStartElement("content");
        x.writeAttribute("type", "text");
        x.writeCharacters(e.update().body());
        x.writeEndElement();
        x.writeEndElement();
      }
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write the status feed", e);
    }
    return out.toString();
  }

  private record Entry(StatusPage.PublicIncident incident, StatusPage.PublicUpdate update) {}

  private static String label(String status) {
    return status.isEmpty()
        ? status
        : Character.toUpperCase(status.charAt(0)) + status.substring(1);
  }

  private static void element(XMLStreamWriter x, String name, String text)
      throws XMLStreamException {
    x.writeStartElement(name);
    x.writeCharacters(text);
    x.writeEndElement();
  }

  private static void link(XMLStreamWriter x, String rel, String href) throws XMLStreamException {
    x.writeEmptyElement("link");
    x.writeAttribute("rel", rel);
    x.writeAttribute("href", href);
  }
}
