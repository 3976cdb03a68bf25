package io.firebell.console.web;

import io.firebell.console.backend.ServiceProblem;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A page a service refused to fill: the person reads why, in words, with the status the service
 * gave (403 when their role may not, 404 when the thing is gone, 503 when a service is down). Forms
 * handle their own refusals next to their fields; this is for the rest.
 */
public class ProblemPages {

  @Inject
  @Location("problem.html")
  Template problem;

  @ServerExceptionMapper
  public Response refused(ServiceProblem p) {
    int status = p.status() >= 400 && p.status() < 600 ? p.status() : 502;
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(problem.data("problem", p).data("nav", "").render())
        .build();
  }
}
