package io.firebell.platform.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;

/**
 * The services' authorization tables, checked one way: a list of endpoints ({@link Call}) and what
 * each caller gets — no token, a forged one, an integration's, a person's with too low a role.
 */
public final class AuthorizationMatrix {

  /**
   * One endpoint: method, path, JSON body (null for none) and {@code tooLow}, the Authorization
   * header of a person whose role is just below the least one allowed (null when every person may
   * call it).
   */
  public record Call(String method, String path, String body, String tooLow) {
    public Call(String method, String path, String body) {
      this(method, path, body, null);
    }

    public static Call get(String path) {
      return new Call("GET", path, null);
    }
  }

  private AuthorizationMatrix() {}

  /** The call made with {@code authorization} (an Authorization header value, null for none). */
  public static Response request(String authorization, Call call) {
    RequestSpecification spec = given();
    if (authorization != null) {
      spec = spec.header("Authorization", authorization);
    }
    if (call.body() != null) {
      spec = spec.contentType(ContentType.JSON).body(call.body());
    }
    return spec.request(call.method(), call.path());
  }

  /** Every call answers {@code status} to {@code authorization}. */
  public static void expect(List<Call> calls, String authorization, int status) {
    for (Call call : calls) {
      request(authorization, call).then().statusCode(status);
    }
  }

  /** Every call without a token: 401 with a Bearer challenge, as problem+json. */
  public static void expectUnauthenticated(List<Call> calls) {
    for (Call call : calls) {
      request(null, call)
          .then()
          .statusCode(401)
          .header("WWW-Authenticate", startsWith("Bearer"))
          .contentType("application/problem+json");
    }
  }

  /** Every call with {@code authorization}: 403 as problem+json. */
  public static void expectForbidden(List<Call> calls, String authorization) {
    for (Call call : calls) {
      request(authorization, call).then().statusCode(403).contentType("application/problem+json");
    }
  }

  /** Every call that has a too-low role: 403 as problem+json to it. */
  public static void expectTooLowForbidden(List<Call> calls) {
    for (Call call : calls) {
      if (call.tooLow() != null) {
        request(call.tooLow(), call).then().statusCode(403).contentType("application/problem+json");
      }
    }
  }

  /** A new native integration's token, created as admin: a monitoring tool's, not a person's. */
  public static String integrationToken(String name) {
    return given()
        .header("Authorization", TestTokens.bearer("ada", "admin"))
        .contentType(ContentType.JSON)
        .body("{\"name\":\"" + name + "\",\"kind\":\"native\"}")
        .post("/v1/integrations")
        .then()
        .statusCode(201)
        .extract()
        .path("token");
  }
}
