package io.firebell.detection;

import static io.restassured.RestAssured.given;

import io.firebell.platform.testing.TestTokens;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/** Integrations and real-shaped payloads for detection tests. */
final class Fixtures {

  private Fixtures() {}

  /**
   * An open, critical alert group as a previous process would have left it (for tests that make its
   * pages by SQL too).
   */
  static void openGroup(Connection c, UUID group, String routeKey) throws SQLException {
    c.createStatement()
        .execute(
            "insert into alert_group (id, route_key, route_id, domain, kind, severity, labels,"
                + " status, alert_count, firing_count, flap_count, occurred_at, detected_at,"
                + " opened_at, last_alert_at, paged_at) values ('"
                + group
                + "', '"
                + routeKey
                + "', '00000000-0000-0000-0000-00000000ca11', 'unrouted', 'system',"
                + " 'critical', '{}', 'open', 1, 1, 0, now(), now(), now(), now(), now())");
  }

  static String integration(String kind) {
    return given()
        .header("Authorization", TestTokens.bearer("ada", "admin"))
        .contentType(ContentType.JSON)
        .body(
            "{\"name\":\""
                + kind
                + "-"
                + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"kind\":\""
                + kind
                + "\"}")
        .post("/v1/integrations")
        .then()
        .statusCode(201)
        .extract()
        .path("token");
  }

  /** One Alertmanager v4 alert, as Alertmanager 0.27 sends it. */
  static String amAlert(
      String status, String alertname, String service, String severity, String fingerprint) {
    return """
        {"status":"%s","labels":{"alertname":"%s","service":"%s","severity":"%s","instance":"%s:9090"},
         "annotations":{"summary":"%s on %s","runbook_url":"https://runbooks.example.com/%s"},
         "startsAt":"2026-03-12T10:57:30.123456789Z",
         "endsAt":"%s",
         "generatorURL":"http://prometheus:9090/graph?g0.expr=up",
         "fingerprint":"%s"}"""
        .formatted(
            status,
            alertname,
            service,
            severity,
            fingerprint,
            alertname,
            service,
            alertname,
            "firing".equals(status) ? "0001-01-01T00:00:00Z" : "2026-03-12T11:10:00Z",
            fingerprint);
  }

  static String amPayload(String status, int truncated, String... alerts) {
    return """
        {"receiver":"firebell","status":"%s","alerts":[%s],
         "groupLabels":{"alertname":"x"},"commonLabels":{},"commonAnnotations":{},
         "externalURL":"http://alertmanager:9093","version":"4",
         "groupKey":"{}:{alertname=\\"x\\"}","truncatedAlerts":%d}"""
        .formatted(status, String.join(",", alerts), truncated);
  }
}
