package io.firebell.platform.outbound;

import io.firebell.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Checks a URL someone registers (an endpoint, a person's paging webhook) with the {@link
 * OutboundGuard} before it is stored, so a refused address is a clear 422 at once rather than a
 * failed call later.
 */
@ApplicationScoped
public class OutboundUrlCheck {

  private final OutboundGuard guard;
  private final Vertx vertx;

  public OutboundUrlCheck(OutboundGuard guard, Vertx vertx) {
    this.guard = guard;
    this.vertx = vertx;
  }

  /**
   * Fails with 400 (field {@code field}) if the URL is not an http(s) URL the guard accepts, and
   * with 422 if its host is an ambiguous IPv4 literal, resolves to a refused address, or does not
   * resolve.
   */
  public Uni<Void> check(String field, String url) {
    String problem = OutboundGuard.urlProblem(url);
    if (problem != null) {
      return Uni.createFrom().failure(ProblemException.invalid(field, problem));
    }
    String host = OutboundGuard.host(URI.create(url));
    // DNS may block: on a worker, answering on the caller's context.
    return vertx
        .executeBlocking(Uni.createFrom().item(() -> refusal(field, host)))
        .map(
            refusal -> {
              if (refusal != null) {
                throw ProblemException.unprocessable(refusal);
              }
              return null;
            });
  }

  private String refusal(String field, String host) {
    try {
      guard.resolve(host);
      return null;
    } catch (RefusedAddressException e) {
      if (OutboundGuard.ambiguousIpv4(host)) {
        return field
            + ": "
            + host
            + " is an ambiguous IPv4 literal; write the address as four decimal parts without"
            + " leading zeros";
      }
      return field
          + ": "
          + host
          + " resolves to "
          + e.address()
          + ", a "
          + e.addressClass()
          + " address; such addresses are refused (outbound guard)";
    } catch (UnknownHostException e) {
      return field + ": host " + host + " does not resolve";
    }
  }
}
