package io.firebell.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.platform.inbox.InboxRetention;
import io.firebell.platform.testing.Metrics;
import io.firebell.platform.testing.PoisonRecords;
import io.firebell.platform.testing.Sql;
import io.firebell.platform.testing.TestEventProducer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The inbox keeps processed event ids for {@code firebell.inbox.retention} (45 days) and no longer,
 * and only while that outlasts what the broker keeps of the consumed topics (the test broker's
 * topics have the retention of {@code config/topics.tsv}: 30 days for incidents and reviews).
 */
@QuarkusTest
class InboxRetentionTest {

  private static final String FACTS = "consumer=\"review.incident-facts\"";

  @Inject AgroalDataSource db;
  @Inject InboxRetention retention;

  @Test
  void rowsPastTheWindowGoAndRecentOnesStay() throws Exception {
    UUID old = UUID.randomUUID();
    UUID recent = UUID.randomUUID();
    insertProcessed(old, "46 days");
    insertProcessed(recent, "44 days");

    assertThat(retention.purge()).isGreaterThanOrEqualTo(1);

    assertThat(count("select count(*) from inbox_event where event_id = ?", old)).isZero();
    assertThat(count("select count(*) from inbox_event where event_id = ?", recent)).isEqualTo(1);
  }

  @Test
  void anEventRedeliveredInsideTheWindowIsStillSkippedAfterAPurge() throws Exception {
    UUID incident = UUID.randomUUID();
    UUID eventId = UUID.randomUUID();
    String json =
        PoisonRecords.fixture(EventTypes.INCIDENT_DECLARED, "incidentId", incident.toString());
    try (TestEventProducer producer = new TestEventProducer()) {
      producer.send(EventTypes.INCIDENT_DECLARED, eventId, incident.toString(), json);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> count("select count(*) from timeline_entry where id = ?", eventId) == 1);
      // Processed a while ago, but inside the window.
      Sql.execute(
          db,
          "update inbox_event set processed_at = now() - interval '40 days' where event_id = ?",
          eventId);
      double duplicates = Metrics.sum("firebell_inbox_duplicates_total", FACTS);

      retention.purge();

      producer.send(EventTypes.INCIDENT_DECLARED, eventId, incident.toString(), json);
      // A later event on the same key: once it is applied, the redelivery before it was seen.
      UUID after = UUID.randomUUID();
      producer.send(EventTypes.INCIDENT_DECLARED, after, incident.toString(), json);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> count("select count(*) from inbox_event where event_id = ?", after) == 1);
      assertThat(Metrics.sum("firebell_inbox_duplicates_total", FACTS)).isEqualTo(duplicates + 1);
    }
    assertThat(count("select count(*) from inbox_event where event_id = ?", eventId)).isEqualTo(1);
    assertThat(count("select count(*) from timeline_entry where id = ?", eventId)).isEqualTo(1);
    assertThat(count("select count(*) from incident_fact where incident_id = ?", incident))
        .isEqualTo(1);
  }

  @Test
  void aWindowShorterThanWhatTheBrokerKeepsIsRefused() {
    InboxRetention.Check tooShort = retention.check(Duration.ofDays(14));
    assertThat(tooShort.safe()).isFalse();
    assertThat(tooShort.problems()).anyMatch(p -> p.startsWith(Topics.INCIDENTS + " may keep"));

    assertThat(retention.check(Duration.ofDays(45)).safe()).isTrue();
  }

  private void insertProcessed(UUID eventId, String age) throws SQLException {
    Sql.execute(
        db,
        "insert into inbox_event (consumer, event_id, event_type, processed_at)"
            + " values ('review.incident-facts', ?, ?, now() - cast(? as interval))",
        eventId,
        EventTypes.INCIDENT_DECLARED.name(),
        age);
  }

  private long count(String sql, UUID id) throws SQLException {
    return Sql.count(db, sql, id);
  }
}
