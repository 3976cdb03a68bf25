package io.firebell.incident;

import static io.restassured.RestAssured.given;

import io.agroal.api.AgroalDataSource;
import io.firebell.platform.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Small helpers the incident-service tests share. */
final class Api {

  static final String RESPONDER = TestTokens.bearer("dana", "responder");
  static final String VIEWER = TestTokens.bearer("vic", "viewer");
  static final String ADMIN = TestTokens.bearer("ada", "admin");

  private Api() {}

  /** Declares an incident with the confirmed minimum and returns its id. */
  static String declare(String title, String service) {
    return given()
        .header("Authorization", RESPONDER)
        .contentType(ContentType.JSON)
        .body("{\"title\":\"" + title + "\",\"service\":\"" + service + "\"}")
        .when()
        .post("/v1/incidents")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  static ValidatableResponse transition(String id, String body) {
    return asResponder("POST", "/v1/incidents/{id}/transitions", id, body);
  }

  /** PATCHes the incident with a JSON body. */
  static ValidatableResponse patch(String id, String body) {
    return asResponder("PATCH", "/v1/incidents/{id}", id, body);
  }

  private static ValidatableResponse asResponder(
      String method, String path, String id, String body) {
    return given()
        .header("Authorization", RESPONDER)
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .request(method, path, id)
        .then();
  }

  static long count(AgroalDataSource db, String sql) throws SQLException {
    try (Connection c = db.getConnection();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
