package io.firebell.incident.rest;

import io.firebell.platform.problem.ProblemException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Two writers changed the same incident or action at once: the later commit lost. It is the same
 * answer as a stale If-Match, 412, so the client re-reads and retries.
 */
public class ConcurrencyProblems {

  @ServerExceptionMapper
  public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
    return stale(uri);
  }

  @ServerExceptionMapper
  public Response staleState(StaleStateException e, UriInfo uri) {
    return stale(uri);
  }

  private static Response stale(UriInfo uri) {
    ProblemException p =
        ProblemException.preconditionFailed(
            "someone else changed this at the same moment; GET it again and re-apply your change");
    return Response.status(412)
        .type("application/problem+json")
        .entity(p.toProblem(uri.getPath()))
        .build();
  }
}
