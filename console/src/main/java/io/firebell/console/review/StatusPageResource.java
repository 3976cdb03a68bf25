package io.firebell.console.review;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The public status page (broadcast-service's), which anyone may read: the console only points. */
@Path("/status-page")
@PermitAll
public class StatusPageResource {

  @ConfigProperty(name = "firebell.console.status-page-url")
  String statusPage;

  @GET
  public Response statusPage() {
    return Response.seeOther(URI.create(statusPage)).build();
  }
}
