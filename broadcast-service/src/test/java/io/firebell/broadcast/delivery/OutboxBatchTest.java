package io.firebell.broadcast.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.firebell.contracts.EventTypes;
import io.firebell.contracts.broadcast.DeliverySucceeded;
import io.firebell.platform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A delivery result batch appends its events with {@link Outbox#appendAll}: thousands at once, in
 * one statement, in order, and only if the transaction commits.
 */
@QuarkusTest
class OutboxBatchTest {

  @Inject Outbox outbox;
  @Inject Pool pool;

  @Test
  void aBatchOfEventsIsWrittenInOrderInOneTransaction() throws Throwable {
    UUID incident = UUID.randomUUID();
    List<DeliverySucceeded> events = events(incident, 2_500);

    VertxContextSupport.subscribeAndAwait(
        () -> Panache.withTransaction(() -> outbox.appendAll(events)));

    List<Row> rows = rows(incident);
    assertEquals(events.size(), rows.size());
    for (int i = 0; i < events.size(); i++) {
      Row row = rows.get(i);
      assertEquals(EventTypes.DELIVERY_SUCCEEDED.name(), row.getString("event_type"));
      assertEquals(EventTypes.DELIVERY_SUCCEEDED.topic(), row.getString("topic"));
      assertEquals(incident.toString(), row.getString("record_key"));
      String payload = row.getString("payload");
      assertEquals(
          true,
          payload.contains(events.get(i).deliveryId().toString()),
          "row " + i + " holds event " + i + " (order kept)");
    }
  }

  @Test
  void nothingIsWrittenWhenTheTransactionFails() throws Throwable {
    UUID incident = UUID.randomUUID();
    List<DeliverySucceeded> events = events(incident, 100);

    assertThrows(
        Throwable.class,
        () ->
            VertxContextSupport.subscribeAndAwait(
                () ->
                    Panache.withTransaction(
                        () ->
                            outbox
                                .appendAll(events)
                                .chain(
                                    () ->
                                        Uni.createFrom()
                                            .failure(
                                                new IllegalStateException(
                                                    "the state change failed"))))));

    assertEquals(0, rows(incident).size());
  }

  private static List<DeliverySucceeded> events(UUID incident, int n) {
    List<DeliverySucceeded> events = new ArrayList<>(n);
    UUID message = UUID.randomUUID();
    Instant now = Instant.now();
    for (int i = 0; i < n; i++) {
      events.add(
          new DeliverySucceeded(
              UUID.randomUUID(),
              "update",
              message,
              incident,
              UUID.randomUUID(),
              "receiver " + i,
              "webhook",
              "store_owners",
              1,
              204,
              now));
    }
    return events;
  }

  private List<Row> rows(UUID incident) {
    List<Row> rows = new ArrayList<>();
    pool.preparedQuery(
            "select topic, record_key, event_type, payload from outbox_message"
                + " where record_key = $1 order by seq")
        .execute(Tuple.of(incident.toString()))
        .await()
        .indefinitely()
        .forEach(rows::add);
    return rows;
  }
}
