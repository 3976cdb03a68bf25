package io.firebell.detection.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers an oversized body with 413 problem+json before it is read (Quarkus's own answer to {@code
 * quarkus.http.limits.max-body-size} is an empty 413). Bodies sent chunked, without a length, are
 * cut off by Quarkus at the same limit.
 */
@ApplicationScoped
public class BodyLimitFilter {

  private final long maxBody;

  public BodyLimitFilter(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
    this.maxBody = maxBody.asLongValue();
  }

  void install(@Observes Router router) {
    router.route().order(-100).handler(this::limit);
  }

  void limit(RoutingContext rc) {
    String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      long n;
      try {
        n = Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n > maxBody) {
        String body =
            "{\"type\":\"https://firebell.io/problems/payload-too-large\",\"title\":\"Payload too"
                + " large\",\"status\":413,\"detail\":\"the request body is "
                + n
                + " bytes; at most "
                + maxBody
                + " are accepted\",\"instance\":\""
                + rc.request().path().replace("\"", "")
                + "\"}";
        rc.response()
            .setStatusCode(413)
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
            .putHeader(HttpHeaders.CONNECTION, "close")
            .end(body);
        return;
      }
    }
    rc.next();
  }
}
