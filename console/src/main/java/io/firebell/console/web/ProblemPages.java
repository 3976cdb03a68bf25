package io.firebell.console.web;

import io.firebell.console.backend.ServiceProblem;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.ForbiddenException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
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

  /**
   * A signed-in person whose role may not do what they asked (a forged form, or a link to a page of
   * another role): 403 in words, not an empty answer.
   */
  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return refused(
        new ServiceProblem(
            403,
            "Not allowed",
            "Your role may not do this. An admin can give you the role if you need it.",
            Map.of()));
  }

  @ServerExceptionMapper
  public Response refused(ServiceProblem p) {
    int status = p.status() >= 400 && p.status() < 600 ? p.status() : 502;
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(problem.data("problem", p).data("nav", "").render())
        .build();
  }
}
