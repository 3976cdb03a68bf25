package io.firebell.console;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.firebell.console.incidents.IncidentsResource;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * The console's real incidents page template, rendered for the signed-in person of a real session
 * with an empty list (incident-service's answer when nothing matches), because no incident-service
 * runs in these tests: what the page shows a person depends on their roles, not on the list. Test
 * sources only.
 */
@Path(IncidentsPageWithoutService.PATH)
@Authenticated
public class IncidentsPageWithoutService {

  static final String PATH = "/test-only/incidents-page";

  @Inject
  @Location("incidents.html")
  Template page;

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance show() {
    return page.data("nav", "incidents")
        .data(
            "incidents",
            JsonNodeFactory.instance
                .objectNode()
                .set("items", JsonNodeFactory.instance.arrayNode()))
        .data("filter", new IncidentsResource.Filter(null, null, null, null))
        .data("statuses", IncidentsResource.STATUSES)
        .data("severities", IncidentsResource.SEVERITIES)
        .data("kinds", IncidentsResource.KINDS)
        .data("typed", Map.of())
        .data("errors", Map.of())
        .data("problem", null);
  }
}
