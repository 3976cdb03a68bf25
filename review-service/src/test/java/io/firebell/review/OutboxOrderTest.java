package io.firebell.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.firebell.contracts.Topics;
import io.firebell.contracts.review.ReviewCancelled;
import io.firebell.platform.outbox.Outbox;
import io.firebell.platform.outbox.OutboxRelay;
import io.firebell.platform.testing.Sql;
import io.firebell.platform.testing.TopicReader;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Two real transactions append an event of one key and overlap: the one that appended first commits
 * last. Kafka must get the events in commit order (ADR 0020), which without the outbox's per-key
 * lock it does not: the relay publishes in insert order.
 */
@QuarkusTest
class OutboxOrderTest {

  @Inject Outbox outbox;
  @Inject AgroalDataSource db;

  @Test
  void eventsOfOneKeyReachKafkaInCommitOrderWhenTheirTransactionsOverlap() throws Exception {
    UUID meeting = UUID.randomUUID();
    CountDownLatch firstAppended = new CountDownLatch(1);
    CompletableFuture<Void> endFirst = new CompletableFuture<>();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (TopicReader topic = new TopicReader(Topics.REVIEWS);
        Connection relayHold = db.getConnection();
        Statement hold = relayHold.createStatement()) {
      // The relay waits until both transactions have ended, so Kafka gets the outbox's order.
      hold.execute("select pg_advisory_lock(" + OutboxRelay.ADVISORY_LOCK + ")");

      Future<?> first =
          threads.submit(
              () -> {
                inTransaction(
                    () -> {
                      Context context = Vertx.currentContext();
                      return outbox
                          .append(cancelled(meeting, "first"))
                          .invoke(firstAppended::countDown)
                          .chain(
                              () ->
                                  Uni.createFrom()
                                      .completionStage(endFirst)
                                      .emitOn(task -> context.runOnContext(v -> task.run())));
                    });
                return null;
              });
      assertThat(firstAppended.await(30, TimeUnit.SECONDS)).isTrue();

      Future<?> second =
          threads.submit(
              () -> {
                inTransaction(() -> outbox.append(cancelled(meeting, "second")));
                return null;
              });
      // The second either commits at once or waits for the key's lock; then the first commits.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      boolean secondWaits = false;
      while (!second.isDone() && System.nanoTime() < deadline) {
        if (waitingForAKeyLock()) {
          secondWaits = true;
          break;
        }
        Thread.sleep(20);
      }
      // The commit order, known before the first may end: which thread returns first is not
      // (on a busy machine the second can return before the first's thread is scheduled again).
      assertThat(secondWaits || second.isDone()).as("the second committed or waits").isTrue();
      List<String> commits = secondWaits ? List.of("first", "second") : List.of("second", "first");
      endFirst.complete(null);
      first.get(30, TimeUnit.SECONDS);
      second.get(30, TimeUnit.SECONDS);
      hold.execute("select pg_advisory_unlock(" + OutboxRelay.ADVISORY_LOCK + ")");

      List<ConsumerRecord<String, byte[]>> published =
          new ArrayList<>(
              topic.await(r -> meeting.toString().equals(r.key()), 2, Duration.ofSeconds(30)));
      published.sort(Comparator.comparingLong(ConsumerRecord::offset));
      List<String> kafkaOrder =
          published.stream()
              .map(r -> new String(r.value(), StandardCharsets.UTF_8))
              .map(json -> json.contains("\"first\"") ? "first" : "second")
              .toList();
      assertThat(kafkaOrder).isEqualTo(commits);
    } finally {
      endFirst.complete(null);
      threads.shutdownNow();
    }
  }

  /** Runs {@code work} in a transaction of its own and waits for it to commit. */
  private static void inTransaction(Supplier<Uni<?>> work) throws Exception {
    try {
      VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work::get));
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private boolean waitingForAKeyLock() throws Exception {
    return Sql.count(
            db,
            "select count(*) from pg_stat_activity where datname = current_database()"
                + " and wait_event_type = 'Lock' and query like 'insert into outbox_message%'")
        > 0;
  }

  private static ReviewCancelled cancelled(UUID meeting, String reason) {
    return new ReviewCancelled(
        meeting, UUID.randomUUID(), Instant.now(), reason, "rita", Instant.now());
  }
}
