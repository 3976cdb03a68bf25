package io.firebell.console.backend;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.client.Http;
import io.firebell.client.StoryFailure;
import io.firebell.console.auth.Person;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The services' public APIs, called through the suite's client ({@link Http}) with the signed-in
 * person's token: the console acts as the person, so each service decides what they may do. A
 * refusal becomes a {@link ServiceProblem}.
 */
@RequestScoped
public class Api {

  static final Http HTTP = new Http();

  @Inject Person person;

  @ConfigProperty(name = "firebell.console.detection-url")
  String detection;

  @ConfigProperty(name = "firebell.console.incident-url")
  String incident;

  @ConfigProperty(name = "firebell.console.broadcast-url")
  String broadcast;

  @ConfigProperty(name = "firebell.console.review-url")
  String review;

  public String url(Service service, String path) {
    String base =
        switch (service) {
          case DETECTION -> detection;
          case INCIDENT -> incident;
          case BROADCAST -> broadcast;
          case REVIEW -> review;
        };
    return base + path;
  }

  /** GET as JSON; a non-2xx answer throws {@link ServiceProblem}. */
  public JsonNode get(Service service, String path) {
    return ok(call(() -> HTTP.get(url(service, path), person.token())));
  }

  /** GET with an Accept header, the raw answer (e.g. an HTML report or an .ics file). */
  public Http.Response getRaw(Service service, String path, String accept) {
    return call(() -> HTTP.get(url(service, path), person.token(), accept));
  }

  /** Every item of a cursor-paginated list. */
  public List<JsonNode> items(Service service, String path) {
    try {
      return HTTP.items(url(service, path), person.token());
    } catch (StoryFailure f) {
      throw new ServiceProblem(502, "A service could not be read", f.getMessage(), Map.of());
    }
  }

  public JsonNode post(Service service, String path, Object body) {
    return ok(call(() -> HTTP.post(url(service, path), person.token(), body)));
  }

  public JsonNode put(Service service, String path, Object body) {
    return ok(call(() -> HTTP.put(url(service, path), person.token(), body)));
  }

  public JsonNode patch(Service service, String path, Object body, String ifMatch) {
    return ok(call(() -> HTTP.patch(url(service, path), person.token(), body, ifMatch)));
  }

  /** DELETE; a non-2xx answer throws {@link ServiceProblem}. */
  public void delete(Service service, String path) {
    ok(call(() -> HTTP.delete(url(service, path), person.token())));
  }

  /** The raw answer of a write, for pages that need its headers (ETag, Location). */
  public Http.Response postRaw(Service service, String path, Object body) {
    return call(() -> HTTP.post(url(service, path), person.token(), body));
  }

  public static String q(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }

  private static Http.Response call(java.util.function.Supplier<Http.Response> request) {
    try {
      return request.get();
    } catch (StoryFailure unreachable) {
      throw new ServiceProblem(
          503,
          "A Firebell service is not answering",
          unreachable.getMessage() + ". Try again in a moment.",
          Map.of());
    }
  }

  private static JsonNode ok(Http.Response r) {
    if (r.status() / 100 != 2) {
      throw ServiceProblem.of(r.status(), r.json(), r.body());
    }
    return r.json();
  }
}
