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
 * text — {@code %00}, a broken percent escape, bytes that are not UTF-8, characters that must be
 * percent-encoded but were sent raw (400; the router's own 400 for a path it cannot normalise is
 * answered the same way). Bodies sent chunked, without a length, are cut off by Quarkus at the same
 * limit.
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
    // The router itself fails a request with 400 before any route runs when the path cannot be
    // normalised (a broken percent escape such as %zz): answer that as a problem too.
    router.errorHandler(
        400,
        rc -> refuse(rc, 400, "bad-request", "Bad request", unreadable(rc.request().uri()), false));
  }

  /** Why a request line the router refused cannot be read, in the words the screen uses. */
  private static String unreadable(String uri) {
    String raw = rawProblem(uri);
    if (raw != null) {
      return "the URI " + raw;
    }
    String problem = StorableText.undecodable(uri, false);
    return "the URI " + (problem == null ? "is malformed" : problem);
  }

  /**
   * Why {@code target} (a path or query as sent) has characters RFC 3986 wants percent-encoded —
   * controls, space, non-ASCII, {@code "<>\^`{|}} — or null. Quarkus's own check of the request
   * line, which refused these with an empty 400, is off ({@code FirebellMain}).
   */
  static String rawProblem(String target) {
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= 0x20 || c >= 0x7F || "\"<>\\^`{|}".indexOf(c) >= 0) {
        return "has a character that must be percent-encoded (at index " + i + ")";
      }
    }
    return null;
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
    String pathProblem = rawProblem(path);
    if (pathProblem == null) {
      pathProblem = StorableText.undecodable(path, false);
    }
    if (pathProblem != null) {
      refuse(rc, 400, "bad-request", "Bad request", "the path " + pathProblem, false);
      return;
    }
    String query = rc.request().query();
    String queryProblem = query == null ? null : rawProblem(query);
    if (query != null && queryProblem == null) {
      queryProblem = StorableText.undecodable(query, true);
    }
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
