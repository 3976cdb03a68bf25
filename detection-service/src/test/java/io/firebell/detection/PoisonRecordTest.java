package io.firebell.detection;

import static io.firebell.platform.testing.PoisonRecords.fixture;

import io.agroal.api.AgroalDataSource;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.platform.testing.PoisonRecords;
import io.firebell.platform.testing.PoisonRecords.Event;
import io.firebell.platform.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Poison records on {@code firebell.alerts.v1} and on ingest's fast lane {@code
 * firebell.alerts.fresh.v1}: the batched grouping consumer parks them (the batch falls back to one
 * record per transaction) and groups the alert behind them.
 */
@QuarkusTest
class PoisonRecordTest {

  @Inject AgroalDataSource db;

  @Test
  void poisonRecordsOnTheAlertsTopicAreParkedAndTheNextAlertIsGrouped() throws Exception {
    parkedAndFlowing(Topics.ALERTS, "poison");
  }

  @Test
  void poisonRecordsOnTheFastLaneAreParkedAndTheNextAlertIsGrouped() throws Exception {
    // The fast lane (ADR 0107) has a consumer of its own, on its own thread, under the same
    // consumer name: one stuck record there would hold up every new problem's first alert.
    parkedAndFlowing(Topics.ALERTS_FRESH, "poison-fresh");
  }

  /**
   * On this topic, an alert whose grouping the database refuses is parked and the alert behind it
   * on the same key is grouped.
   */
  private void parkedAndFlowing(String topic, String prefix) throws Exception {
    String marker = prefix + "-" + UUID.randomUUID();
    String key = prefix + "-test/" + UUID.randomUUID();
    String goodRouteKey = key + "/good";
    try (AutoCloseable refusal =
        PoisonRecords.refuseWrites(db, "alert_group", "new.domain = '" + marker + "'")) {
      PoisonRecords.assertParkedAndFlowing(
          "detection.grouping",
          topic,
          key,
          new Event(EventTypes.ALERT_RECEIVED, UUID.randomUUID(), alert(key + "/refused", marker)),
          new Event(EventTypes.ALERT_RECEIVED, UUID.randomUUID(), alert(goodRouteKey, "order")),
          () ->
              Sql.count(db, "select count(*) from alert_group where route_key = ?", goodRouteKey)
                  == 1);
    }
  }

  private static String alert(String routeKey, String domain) {
    return fixture(
        EventTypes.ALERT_RECEIVED,
        "alertId",
        UUID.randomUUID().toString(),
        "routeKey",
        routeKey,
        "domain",
        domain);
  }
}
