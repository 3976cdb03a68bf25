package io.firebell.broadcast.comms;

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
 * Poison records on the two topics broadcast-service consumes: each is parked, and the event behind
 * it on the same partition is applied.
 */
@QuarkusTest
class PoisonRecordTest {

  @Inject AgroalDataSource db;

  @Test
  void poisonRecordsOnTheIncidentsTopicAreParkedAndTheNextDeclarationIsApplied() throws Exception {
    String marker = "poison-" + UUID.randomUUID();
    UUID refused = UUID.randomUUID();
    UUID good = UUID.randomUUID();
    try (AutoCloseable refusal =
        PoisonRecords.refuseWrites(db, "incident", "new.title = '" + marker + "'")) {
      PoisonRecords.assertParkedAndFlowing(
          "broadcast.incidents",
          Topics.INCIDENTS,
          good.toString(),
          new Event(EventTypes.INCIDENT_DECLARED, UUID.randomUUID(), declared(refused, marker)),
          new Event(EventTypes.INCIDENT_DECLARED, UUID.randomUUID(), declared(good, "Orders fail")),
          () -> Sql.count(db, "select count(*) from incident where id = ?", good) == 1);
    }
  }

  @Test
  void poisonRecordsOnTheReviewsTopicAreParkedAndTheNextReportIsShared() throws Exception {
    String marker = "poison-" + UUID.randomUUID();
    UUID refused = UUID.randomUUID();
    UUID good = UUID.randomUUID();
    try (AutoCloseable refusal =
        PoisonRecords.refuseWrites(db, "report_share", "new.title = '" + marker + "'")) {
      PoisonRecords.assertParkedAndFlowing(
          "broadcast.report-shares",
          Topics.REVIEWS,
          good.toString(),
          new Event(EventTypes.REPORT_PUBLISHED, UUID.randomUUID(), published(refused, marker)),
          new Event(EventTypes.REPORT_PUBLISHED, UUID.randomUUID(), published(good, "Report")),
          () ->
              Sql.count(db, "select count(*) from report_share where incident_id = ?", good) == 1);
    }
  }

  private static String declared(UUID incident, String title) {
    return fixture(EventTypes.INCIDENT_DECLARED, "incidentId", incident.toString(), "title", title);
  }

  private static String published(UUID incident, String title) {
    return fixture(EventTypes.REPORT_PUBLISHED, "incidentId", incident.toString(), "title", title);
  }
}
