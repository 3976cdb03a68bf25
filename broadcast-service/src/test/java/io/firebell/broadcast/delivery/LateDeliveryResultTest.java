package io.firebell.broadcast.delivery;

import static io.firebell.broadcast.delivery.DeliveryTestSupport.endpoint;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.enqueue;
import static io.firebell.broadcast.delivery.DeliveryTestSupport.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.firebell.client.Receiver;
import io.firebell.contracts.EventTypes;
import io.firebell.platform.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A delivery attempt whose lease ran out (its instance stalled) answers after a newer claim of the
 * same delivery has delivered it: the late result must not overwrite what the newer one recorded.
 */
@QuarkusTest
class LateDeliveryResultTest {

  @Inject DeliveryQueue queue;
  @Inject DeliveryStore store;
  @Inject DeliveryDispatcher dispatcher;
  @Inject Pool pool;
  @Inject AgroalDataSource db;

  @Test
  void aLateResultOfAnExpiredClaimDoesNotOverwriteTheNewerAttempt() throws Throwable {
    try (Receiver receiver = new Receiver()) {
      var hook = endpoint("webhook", receiver.url("/late"));
      // Nobody claims the delivery until the test does: its endpoint's circuit is open.
      Sql.execute(
          db,
          "update endpoint set circuit_open_until = now() + interval '1 hour' where id = ?",
          hook.id());
      UUID message = enqueue(queue, UUID.randomUUID(), "{\"text\":\"late\"}", hook.id());

      // The first claim, with a lease that runs out at once: an instance that stalls mid-attempt.
      // The circuit closes in the claim's own transaction, so no other claim sees it first.
      ClaimedDelivery stalled =
          pool.withTransaction(
                  c ->
                      c.preparedQuery("update endpoint set circuit_open_until = null where id = $1")
                          .execute(Tuple.of(hook.id()))
                          .chain(() -> c.query(DeliveryStore.claimSql(1_000, 1)).execute()))
              .map(rows -> claimOf(rows, hook.id()))
              .await()
              .atMost(Duration.ofSeconds(30));

      // The dispatcher claims it again and delivers it.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "succeeded".equals(status(message, hook.id())));

      // Then the stalled attempt's answer arrives: a 503, which would schedule a retry.
      AttemptResult late =
          new AttemptResult(
              AttemptResult.Outcome.RETRYABLE,
              503,
              "HTTP 503",
              null,
              Instant.now().minusSeconds(5),
              40);
      RecordedAttempt recorded = dispatcher.decide(stalled, late, Instant.now());
      VertxContextSupport.subscribeAndAwait(() -> store.record(List.of(recorded)));

      assertThat(status(message, hook.id())).isEqualTo("succeeded");
      assertThat(
              Sql.count(
                  db, "select count(*) from delivery_attempt where delivery_id = ?", stalled.id()))
          .isEqualTo(1);
      assertThat(
              Sql.count(
                  db,
                  "select count(*) from outbox_message where event_type = ? and payload like ?",
                  EventTypes.DELIVERY_FAILED.name(),
                  "%" + stalled.id() + "%"))
          .isZero();
      assertThat(receiver.received("/late")).hasSize(1);
    }
  }

  private ClaimedDelivery claimOf(Iterable<Row> rows, UUID endpoint) {
    for (Row r : rows) {
      if (endpoint.equals(r.getUUID("endpoint_id"))) {
        return store.toClaimed(r);
      }
    }
    throw new AssertionError("the test's claim did not take the delivery");
  }
}
