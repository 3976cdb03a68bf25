package io.firebell.platform.rest;

import io.firebell.contracts.StorableText;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Looks at every request before any resource does, and answers problem+json to what no endpoint
 * could honour: a body longer than {@code quarkus.http.limits.max-body-size} (413, before it is
 * read; Quarkus's own answer is an empty 413), a path segment longer than {@code
 * firebell.http.max-path-segment} (414), and a path or query that does not decode to storable UTF-8
 * text — {@code %00}, a broken percent escape, bytes that are not UTF-8 (400). Bodies sent chunked,
 * without a length, are cut off by Quarkus at the same limit.
 */
@ApplicationScoped
public class RequestScreen {

  private static final String TYPE_BASE = "https://firebell.io/problems/";

  private final long maxBody;
  private final int maxSegment;

  public RequestScreen(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody,
      @ConfigProperty(name = "firebell.http.max-path-segment", defaultValue = "1024")
          int maxSegment) {
    this.maxBody = maxBody.asLongValue();
    this.maxSegment = maxSegment;
  }

  void install(@Observes Router router) {
    router.route().order(-100).handler(this::screen);
  }

  void screen(RoutingContext rc) {
    String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && contentLength(length) > maxBody) {
      refuse(
          rc,
          413,
          "payload-too-large",
          "Payload too large",
          "the request body is " + length.trim() + " bytes; at most " + maxBody + " are accepted",
          true);
      return;
    }
    String path = rc.request().path();
    for (String segment : path.split("/")) {
      if (segment.length() > maxSegment) {
        refuse(
            rc,
            414,
            "uri-too-long",
            "URI too long",
            "a path segment is "
                + segment.length()
                + " characters long; at most "
                + maxSegment
                + " are accepted",
            false);
        return;
      }
    }
    String pathProblem = StorableText.undecodable(path, false);
    if (pathProblem != null) {
      refuse(rc, 400, "bad-request", "Bad request", "the path " + pathProblem, false);
      return;
    }
    String query = rc.request().query();
    String queryProblem = query == null ? null : StorableText.undecodable(query, true);
    if (queryProblem != null) {
      refuse(rc, 400, "bad-request", "Bad request", "the query " + queryProblem, false);
      return;
    }
    rc.next();
  }

  private static long contentLength(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void refuse(
      RoutingContext rc, int status, String slug, String title, String detail, boolean close) {
    String body =
        new JsonObject()
            .put("type", TYPE_BASE + slug)
            .put("title", title)
            .put("status", status)
            .put("detail", detail)
            .encode();
    var response =
        rc.response()
            .setStatusCode(status)
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json");
    if (close) {
      // The body was not read: the connection cannot carry another request.
      response.putHeader(HttpHeaders.CONNECTION, "close");
    }
    response.end(body);
  }
}
