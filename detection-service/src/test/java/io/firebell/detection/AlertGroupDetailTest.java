package io.firebell.detection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.firebell.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/alert-groups/{id}?alerts=n}: the first n alerts in triage order, the counts of all
 * of them, computed by PostgreSQL (the group and its alerts are made by SQL, as grouping would have
 * left them).
 */
@QuarkusTest
class AlertGroupDetailTest {

  private static final String VIEWER = TestTokens.bearer("vic", "viewer");

  /**
   * A group's alerts: summary, status, times received, seconds ago first and last received. First
   * received order (the answer without ?alerts=) is this list's order.
   */
  private record Row(String summary, String status, int receives, int firstAgo, int lastAgo) {}

  private static final List<Row> ROWS =
      List.of(
          new Row("resolved, most re-sent", "resolved", 50, 600, 30),
          new Row("firing once", "firing", 1, 590, 590),
          new Row("firing 4, received earlier", "firing", 4, 580, 120),
          new Row("firing 9", "firing", 9, 570, 60),
          new Row("resolved once", "resolved", 1, 560, 560),
          new Row("firing 4, received later", "firing", 4, 550, 20),
          new Row("firing 2", "firing", 2, 540, 40));

  @Inject AgroalDataSource db;

  private UUID group;

  @BeforeEach
  void aGroupOfSevenAlerts() throws Exception {
    group = UUID.randomUUID();
    try (Connection c = db.getConnection()) {
      Fixtures.openGroup(c, group, "detail/" + group + ":{}");
      c.createStatement()
          .execute(
              "update alert_group set alert_count = 7, firing_count = 5, flap_count = 2 where id"
                  + " = '"
                  + group
                  + "'");
      try (PreparedStatement insert =
          c.prepareStatement(
              "insert into alert (id, alert_group_id, dedup_key, source_kind, status, severity,"
                  + " summary, labels, annotations, links, details, first_received_at,"
                  + " last_received_at, receive_count) values (?, ?, ?, 'alertmanager', ?,"
                  + " 'critical', ?, '{}', '{}', '{}', '{}', now() - ? * interval '1 second',"
                  + " now() - ? * interval '1 second', ?)")) {
        for (int i = 0; i < ROWS.size(); i++) {
          Row r = ROWS.get(i);
          insert.setObject(1, UUID.randomUUID());
          insert.setObject(2, group);
          insert.setString(3, "k" + i);
          insert.setString(4, r.status());
          insert.setString(5, r.summary());
          insert.setInt(6, r.firstAgo());
          insert.setInt(7, r.lastAgo());
          insert.setInt(8, r.receives());
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }

  @Test
  void theFirstAlertsInTriageOrderWithTheCountsOfAll() {
    given()
        .header("Authorization", VIEWER)
        .get("/v1/alert-groups/{id}?alerts=3", group)
        .then()
        .statusCode(200)
        .body("group.id", equalTo(group.toString()))
        .body(
            "alerts.summary",
            contains("firing 9", "firing 4, received later", "firing 4, received earlier"))
        .body("counts.alerts", equalTo(7))
        .body("counts.firing", equalTo(5))
        .body("counts.resolved", equalTo(2))
        .body("counts.flaps", equalTo(2))
        .body("counts.receives", equalTo(71));
    given()
        .header("Authorization", VIEWER)
        .get("/v1/alert-groups/{id}?alerts=500", group)
        .then()
        .statusCode(200)
        .body(
            "alerts.summary",
            contains(
                "firing 9",
                "firing 4, received later",
                "firing 4, received earlier",
                "firing 2",
                "firing once",
                "resolved, most re-sent",
                "resolved once"));
    given()
        .header("Authorization", VIEWER)
        .get("/v1/alert-groups/{id}?alerts=0", group)
        .then()
        .statusCode(200)
        .body("alerts", empty())
        .body("counts.resolved", equalTo(2))
        .body("counts.receives", equalTo(71));
  }

  @Test
  void withoutTheParameterEveryAlertFirstReceivedFirst() {
    given()
        .header("Authorization", VIEWER)
        .get("/v1/alert-groups/{id}", group)
        .then()
        .statusCode(200)
        .body("alerts.summary", contains(ROWS.stream().map(Row::summary).toArray()))
        .body("counts.resolved", equalTo(2))
        .body("counts.receives", equalTo(71));
  }

  @Test
  void anAlertsValueThatIsNotAWholeNumberFrom0To500IsA400Problem() {
    for (String bad : List.of("-1", "501", "abc", "1.5", "+5", " 5", "99999999999")) {
      given()
          .header("Authorization", VIEWER)
          .queryParam("alerts", bad)
          .get("/v1/alert-groups/{id}", group)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("status", equalTo(400))
          .body("errors.field", hasItem("alerts"));
    }
    // Quarkus REST reads an empty value as no value: every alert, as without the parameter.
    given()
        .header("Authorization", VIEWER)
        .get("/v1/alert-groups/{id}?alerts=", group)
        .then()
        .statusCode(200)
        .body("alerts.size()", equalTo(ROWS.size()));
  }
}
