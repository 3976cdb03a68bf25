package io.firebell.incident;

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
 * Poison records on {@code firebell.detection.v1}: incident-service parks them and opens the
 * incident of the declaration request behind them.
 */
@QuarkusTest
class PoisonRecordTest {

  @Inject AgroalDataSource db;

  @Test
  void poisonRecordsOnTheDetectionTopicAreParkedAndTheNextDeclarationIsApplied() throws Exception {
    String marker = "poison-" + UUID.randomUUID();
    UUID refusedGroup = UUID.randomUUID();
    UUID goodGroup = UUID.randomUUID();
    try (AutoCloseable refusal =
        PoisonRecords.refuseWrites(db, "incident", "new.title = '" + marker + "'")) {
      PoisonRecords.assertParkedAndFlowing(
          "incident.declarations",
          Topics.DETECTION,
          goodGroup.toString(),
          new Event(
              EventTypes.DECLARATION_REQUESTED, UUID.randomUUID(), request(refusedGroup, marker)),
          new Event(
              EventTypes.DECLARATION_REQUESTED,
              UUID.randomUUID(),
              request(goodGroup, "Placing orders is slow")),
          () ->
              Sql.count(db, "select count(*) from incident where alert_group_id = ?", goodGroup)
                  == 1);
    }
  }

  private static String request(UUID group, String title) {
    return fixture(
        EventTypes.DECLARATION_REQUESTED,
        "alertGroupId",
        group.toString(),
        "requestedTitle",
        title);
  }
}
