package io.firebell.console.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Headers on every answer: a Content-Security-Policy that runs only the console's own scripts and
 * styles (no inline script, no framing, forms post only to the console), no MIME sniffing, no
 * referrer to other sites and no caching of pages that show incident data. A page that needs a
 * different policy sets its own before this runs. {@code Server-Timing: app;dur=…} says how long
 * the console took.
 */
@ApplicationScoped
public class SecurityHeaders {

  public static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  void register(@Observes Filters filters) {
    filters.register(this::headers, 100);
  }

  void headers(RoutingContext rc) {
    long started = System.nanoTime();
    rc.addHeadersEndHandler(
        v -> {
          MultiMap h = rc.response().headers();
          // The server's own time for this answer (the bench's "console" rows read it).
          h.set(
              "Server-Timing",
              String.format(
                  java.util.Locale.ROOT, "app;dur=%.1f", (System.nanoTime() - started) / 1e6));
          if (!h.contains("Content-Security-Policy")) {
            h.set("Content-Security-Policy", CSP);
          }
          h.set("X-Content-Type-Options", "nosniff");
          h.set("Referrer-Policy", "same-origin");
          h.set("X-Frame-Options", "DENY");
          String path = rc.request().path();
          if (!path.startsWith("/static/") && !h.contains("Cache-Control")) {
            h.set("Cache-Control", "no-store");
          }
        });
    rc.next();
  }
}
