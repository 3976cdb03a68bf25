package io.firebell.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small JSON client over the JDK's HttpClient: the story talks to the suite only through it. */
public final class Http {

  public static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  /** One answer: status, raw body, body as JSON (missing when it is not JSON), headers. */
  public record Response(int status, String body, JsonNode json, HttpResponse<String> raw) {

    public Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }

    /** This answer when its status is one of {@code expected}, else a failure saying what came. */
    public Response expect(int... expected) {
      if (Arrays.stream(expected).noneMatch(s -> s == status)) {
        throw new StoryFailure(
            raw.request().method()
                + " "
                + raw.request().uri()
                + " answered "
                + status
                + " (expected "
                + Arrays.toString(expected)
                + "): "
                + abbreviate(body));
      }
      return this;
    }

    public String text(String field) {
      return json.path(field).asText(null);
    }
  }

  public Response get(String url, String token) {
    return send(builder(url, token).GET().build());
  }

  public Response get(String url, String token, String accept) {
    return send(builder(url, token).header("Accept", accept).GET().build());
  }

  public Response post(String url, String token, Object body) {
    return send(withBody(builder(url, token), "POST", body).build());
  }

  /** A POST with extra request headers (e.g. a W3C {@code traceparent}). */
  public Response post(String url, String token, Object body, Map<String, String> headers) {
    HttpRequest.Builder b = builder(url, token);
    headers.forEach(b::header);
    return send(withBody(b, "POST", body).build());
  }

  public Response put(String url, String token, Object body) {
    return send(withBody(builder(url, token), "PUT", body).build());
  }

  public Response delete(String url, String token) {
    return send(builder(url, token).DELETE().build());
  }

  public Response patch(String url, String token, Object body, String ifMatch) {
    HttpRequest.Builder b = builder(url, token);
    if (ifMatch != null) {
      b.header("If-Match", ifMatch);
    }
    return send(withBody(b, "PATCH", body).build());
  }

  /**
   * Every item of a cursor-paginated list ({@code {"items": […], "nextCursor": …}}, the services'
   * page shape), following {@code nextCursor} from the first page at {@code url} to the last.
   */
  public List<JsonNode> items(String url, String token) {
    List<JsonNode> items = new ArrayList<>();
    String cursor = null;
    do {
      String page =
          cursor == null
              ? url
              : url
                  + (url.contains("?") ? "&" : "?")
                  + "cursor="
                  + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
      JsonNode json = get(page, token).expect(200).json();
      json.path("items").forEach(items::add);
      cursor = json.path("nextCursor").asText(null);
    } while (cursor != null);
    return items;
  }

  private static HttpRequest.Builder builder(String url, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private static HttpRequest.Builder withBody(HttpRequest.Builder b, String method, Object body) {
    String json;
    try {
      json = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new StoryFailure("cannot write JSON: " + e.getMessage());
    }
    return b.header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json));
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = r.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(r.body());
      } catch (IOException notJson) {
        json = MissingNode.getInstance();
      }
      return new Response(r.statusCode(), r.body(), json, r);
    } catch (IOException e) {
      throw new StoryFailure(request.method() + " " + request.uri() + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoryFailure("interrupted");
    }
  }

  /** {@code s} on one line, cut after 400 characters: for failure messages and logs. */
  public static String abbreviate(String s) {
    if (s == null) {
      return "";
    }
    String one = s.replaceAll("\\s+", " ");
    return one.length() > 400 ? one.substring(0, 400) + "…" : one;
  }

  /** A JSON object from alternating keys and values, in that order. */
  public static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
