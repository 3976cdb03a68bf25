package io.firebell.broadcast.comms;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.firebell.client.Receiver;
import io.firebell.platform.warmup.Warmup;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The warm-up (ADR 0141) rings the real fire alarm, queueing it for a listener of its service, and
 * leaves nothing behind: no incident (nor its announcement, which refers to it) or delivery, and
 * nothing reaches the receiver.
 */
@QuarkusTest
class WarmupTest {

  @Inject AgroalDataSource db;
  @Inject Warmup warmup;

  @Test
  void ringingRunsAndRollsBackLeavingNoTrace() throws Exception {
    try (Receiver receiver = new Receiver()) {
      // A listener the warm-up's incident (service firebell-warmup) reaches.
      UUID endpoint = Comms.endpoint("webhook", receiver.url("/warm"));
      Comms.subscribe("dev_org", endpoint, "firebell-warmup");

      assertThat(warmup.warmNow(2)).containsExactly("broadcast.incidents");

      assertThat(
              Comms.count(
                  db, "select count(*) from delivery where endpoint_id = '" + endpoint + "'"))
          .isZero();
      assertThat(
              Comms.count(db, "select count(*) from incident where title like 'firebell-warmup%'"))
          .isZero();
      Thread.sleep(1_000); // what a committed delivery would have taken to arrive
      assertThat(receiver.received()).isEmpty();
    }
  }

  @Test
  void withNobodyListeningItStillRunsTheQueueingStatement() throws Exception {
    // A fresh suite: nobody listens to the warm-up's incident. The warm-up then queues to an
    // endpoint that does not exist, so that the statement that queues a fire alarm is warm too.
    try (var c = db.getConnection();
        var s = c.createStatement()) {
      s.executeUpdate("delete from subscription where 'firebell-warmup' = any(services)");
    }
    long deliveries = Comms.count(db, "select count(*) from delivery");
    long announcements = Comms.count(db, "select count(*) from announcement");

    assertThat(warmup.warmNow(2)).containsExactly("broadcast.incidents");

    assertThat(Comms.count(db, "select count(*) from delivery")).isEqualTo(deliveries);
    assertThat(Comms.count(db, "select count(*) from announcement")).isEqualTo(announcements);
  }
}
