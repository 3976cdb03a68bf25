package io.firebell.platform.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * The bad input every service must refuse with a 4xx problem+json (issue 19, item 12), sent the
 * same way to each: text PostgreSQL cannot store, broken paths and queries, over-long path
 * segments, oversized bodies, and concurrent writers of the same key.
 */
public final class BadInput {

  /** JSON string escapes of text that cannot be stored: NUL and unpaired surrogates. */
  public static final List<String> UNSTORABLE =
      List.of("\\u0000", "before\\u0000after", "\\ud800", "x\\udc00y", "\\ud83d\\u0000");

  private BadInput() {}

  /**
   * Each {@link #UNSTORABLE} text put in place of {@code %s} in {@code bodyTemplate} is refused
   * with 400 problem+json whose errors name {@code field}.
   */
  public static void refusesUnstorableText(
      String authorization, String method, String path, String bodyTemplate, String field) {
    for (String text : UNSTORABLE) {
      request(authorization)
          .contentType(ContentType.JSON)
          .body(bodyTemplate.formatted(text))
          .request(method, path)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", hasItem(field));
    }
  }

  /**
   * Under {@code path} (a collection, e.g. {@code /v1/domains}): {@code %00} and bytes that are not
   * UTF-8 in a path segment or a query value are 400, a 10 KB segment is 414; all problem+json.
   */
  public static void refusesBrokenPathsAndQueries(
      String authorization, String method, String path) {
    for (String bad :
        List.of(
            path + "/%00",
            path + "/name%00",
            path + "/%ff%fe",
            path + "?limit=%00",
            path + "?cursor=a%00b",
            path + "?q=%e0%80")) {
      raw(authorization, method, bad)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("detail", containsString(bad.contains("?") ? "query" : "path"));
    }
    raw(authorization, method, path + "/" + "a".repeat(10_000))
        .then()
        .statusCode(414)
        .contentType("application/problem+json");
    // Request lines no well-behaved client sends (java.net.URI refuses them), over a plain socket:
    // broken escapes, a %u escape, raw non-ASCII and characters RFC 3986 wants encoded.
    for (String odd : List.of("%zz", "%", "%u0000", "\u00e9\u2603", "a{b}", "a|b")) {
      for (String target : List.of(path + "/" + odd, path + "?limit=" + odd)) {
        String[] answer = requestLine(authorization, method, target);
        assertTrue(
            answer[0].startsWith("HTTP/1.1 400 ")
                && answer[1].startsWith("application/problem+json")
                && answer[2].contains("\"status\":400")
                && answer[2].contains("\"title\""),
            method + " " + target + " answered " + String.join(" | ", answer));
      }
    }
  }

  /**
   * Sends {@code method target} as it is (UTF-8) to the service under test over a plain socket;
   * answers its status line, Content-Type and body.
   */
  private static String[] requestLine(String authorization, String method, String target) {
    try (java.net.Socket socket =
        new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
      socket.setSoTimeout(10_000);
      String head =
          method
              + " "
              + target
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
              + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
              + "Connection: close\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      String response =
          new String(
              socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      int split = response.indexOf("\r\n\r\n");
      String headers = split < 0 ? response : response.substring(0, split);
      String contentType = "";
      for (String line : headers.split("\r\n")) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")) {
          contentType = line.substring("content-type:".length()).trim();
        }
      }
      return new String[] {
        headers.lines().findFirst().orElse(""),
        contentType,
        split < 0 ? "" : response.substring(split + 4)
      };
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A body one byte over {@code limitBytes} is 413 problem+json, before it is read. */
  public static void refusesOversizedBody(
      String authorization, String method, String path, long limitBytes) {
    byte[] body = new byte[(int) limitBytes + 1];
    java.util.Arrays.fill(body, (byte) ' ');
    request(authorization)
        .contentType(ContentType.JSON)
        .body(body)
        .request(method, path)
        .then()
        .statusCode(413)
        .contentType("application/problem+json");
  }

  /** The number of rows of each table, to show that a refused request persisted nothing. */
  public static Map<String, Long> rowCounts(DataSource db, String... tables) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = db.getConnection();
        Statement st = c.createStatement()) {
      for (String table : tables) {
        try (ResultSet rs = st.executeQuery("select count(*) from " + table)) {
          rs.next();
          counts.put(table, rs.getLong(1));
        }
      }
    }
    return counts;
  }

  /**
   * Runs {@code calls} at the same moment (as near as threads allow) and returns their statuses in
   * order; every answer of 400 or more must be problem+json, and none may be 5xx.
   */
  public static List<Integer> race(List<Callable<Response>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Response>> answers = new ArrayList<>();
      for (Callable<Response> call : calls) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return call.call();
                }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Response> answer : answers) {
        Response r = answer.get();
        statuses.add(r.statusCode());
        if (r.statusCode() >= 400) {
          assertTrue(
              r.contentType().startsWith("application/problem+json"),
              "answer " + r.statusCode() + " is problem+json: " + r.contentType());
        }
      }
      assertFalse(statuses.stream().anyMatch(s -> s >= 500), "no answer is a 5xx: " + statuses);
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }

  private static RequestSpecification request(String authorization) {
    RequestSpecification spec = given();
    return authorization == null ? spec : spec.header("Authorization", authorization);
  }

  /** The path exactly as written: rest-assured would otherwise encode its percent signs. */
  private static Response raw(String authorization, String method, String path) {
    return request(authorization).urlEncodingEnabled(false).request(method, path);
  }
}
