package io.firebell.console.admin;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Admin: what a new installation needs configured, each section a page of its own — the console's
 * accounts, the monitoring tools' integrations, where updates go (endpoints, subscriptions,
 * audiences, glossary) and who is paged for what (routes, business-metric watches, domains,
 * escalation policies, schedules, people).
 */
@Path("/admin")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AdminResource {

  @Inject
  @Location("admin/index.html")
  Template index;

  @GET
  public TemplateInstance index() {
    return index.data("nav", "admin");
  }
}
