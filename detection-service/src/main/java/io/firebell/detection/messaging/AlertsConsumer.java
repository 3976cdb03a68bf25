package io.firebell.detection.messaging;

import io.firebell.contracts.EventTypes;
import io.firebell.contracts.detection.AlertBatchReceived;
import io.firebell.contracts.detection.AlertReceived;
import io.firebell.detection.config.DetectionConfig;
import io.firebell.detection.ingest.IngestLoad;
import io.firebell.detection.service.GroupingService;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.events.EventHandlers;
import io.firebell.platform.events.IncomingEvent;
import io.firebell.platform.events.MalformedEventException;
import io.firebell.platform.inbox.Inbox;
import io.firebell.platform.inbox.Parking;
import io.firebell.platform.inbox.ReplayableConsumer;
import io.firebell.platform.tracing.Tracing;
import io.firebell.platform.warmup.Warmup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Groups the alerts of {@code firebell.alerts.v1} in batched transactions (ADR 0104). A record
 * holds an ingest request's alerts of one route key ({@code alert-batch.received}, ADR 0105) or one
 * alert ({@code alert.received}: CS inquiry clusters, records of older versions). Records are keyed
 * by route key, so all alerts of a group are on one partition and, in the steady state, one
 * instance handles them, in order (ADR 0101). A poll is applied in transactions of at most {@value
 * #MAX_ALERTS_PER_TRANSACTION} alerts.
 *
 * <p>Idempotence is the platform inbox's, in bulk: {@link Inbox#recordAll} inserts the batch's
 * CloudEvent ids into {@code inbox_event} (consumer {@code detection.grouping}) in the transaction
 * of the grouping, and only the alerts whose ids were new are applied, so a redelivered batch (or
 * part of one, after a rebalance) changes nothing. A failed batch rolls back as a whole and is
 * retried; if it keeps failing it is applied one record per transaction, and a record that still
 * fails after {@code firebell.inbox.max-attempts} attempts is parked (as a malformed record is at
 * once), so that one bad record cannot hold up the rest ({@link Parking}).
 *
 * <p>A record of a sampled trace is applied under its own {@code process firebell.alerts.v1} span
 * (from the poll to its transaction's end), a child of ingest's produce span; a group the record's
 * alert opens continues that trace (ADR 0140).
 */
@ApplicationScoped
public class AlertsConsumer implements ReplayableConsumer {

  static final String CONSUMER = "detection.grouping";
  private static final Logger LOG = Logger.getLogger(AlertsConsumer.class);
  private static final int BATCH_ATTEMPTS = 3;
  public static final int MAX_ALERTS_PER_TRANSACTION = 10_000;

  /** The alerts each record type carries; records of other types are not grouping's business. */
  private static final EventHandlers<List<AlertReceived>> ALERTS =
      EventHandlers.on(EventTypes.ALERT_BATCH_RECEIVED, AlertBatchReceived::alerts)
          .on(EventTypes.ALERT_RECEIVED, List::of)
          .build();

  private final EventCodec codec;
  private final Inbox inbox;
  private final Parking parking;
  private final GroupingService grouping;
  private final MeterRegistry registry;
  private final Timer batches;
  private final IngestLoad load;
  private final DetectionConfig config;
  private final Tracing tracing;
  private final Counter yielded;
  private final Counter alertsGrouped;

  public AlertsConsumer(
      EventCodec codec,
      Inbox inbox,
      Parking parking,
      GroupingService grouping,
      MeterRegistry registry,
      IngestLoad load,
      DetectionConfig config,
      Tracing tracing) {
    this.tracing = tracing;
    this.codec = codec;
    this.inbox = inbox;
    this.parking = parking;
    this.grouping = grouping;
    this.registry = registry;
    this.load = load;
    this.config = config;
    this.alertsGrouped =
        Counter.builder("firebell.detection.grouping.alerts")
            .description("Alerts applied to alert groups by this instance (duplicates excluded)")
            .register(registry);
    this.yielded =
        Counter.builder("firebell.detection.grouping.yields")
            .description("Grouping transactions followed by a pause that left the cores to ingest")
            .register(registry);
    this.batches =
        Timer.builder("firebell.detection.grouping.batches")
            .description("Grouping transactions of the alerts consumer")
            .register(registry);
  }

  /**
   * One record: an ingest request's alerts of one route key, or a single alert; its process span
   * (invalid when the record is not traced).
   */
  private record Decoded(
      ConsumerRecord<String, byte[]> record,
      IncomingEvent event,
      List<AlertReceived> alerts,
      Span span) {}

  /**
   * Runs on a worker thread, one poll at a time, in order: decoding a poll's JSON there keeps it
   * off the event loops that serve ingest; each transaction then runs on a Vert.x context
   * (Hibernate Reactive) while this thread waits for it.
   */
  @Incoming("alerts")
  @Blocking(ordered = true)
  public void onAlerts(ConsumerRecords<String, byte[]> records) throws Throwable {
    group(records, true);
  }

  /**
   * The fast lane ({@code firebell.alerts.fresh.v1}, ADR 0107): the alerts of route keys ingest had
   * not seen recently, applied the same way on their own consumer and thread, never yielding, so a
   * new problem is grouped while the bulk topic may still be catching up. The database decides
   * between the lanes as between instances: a key's group is locked while either applies to it, and
   * the partial unique index refuses a second active group.
   */
  @Incoming("alerts-fresh")
  @Blocking(ordered = true)
  public void onFreshAlerts(ConsumerRecords<String, byte[]> records) throws Throwable {
    group(records, false);
  }

  private void group(ConsumerRecords<String, byte[]> records, boolean mayYield) throws Throwable {
    List<Decoded> decoded = decode(records);
    if (decoded.isEmpty()) {
      return;
    }
    List<List<Decoded>> chunks = chunks(decoded);
    decoded = null;
    for (int i = 0; i < chunks.size(); i++) {
      // Taken out of the list: garbage once applied, also while this thread yields.
      long took = apply(chunks.set(i, null));
      if (mayYield) {
        yieldToIngest(took);
      }
    }
  }

  /** Applies one chunk in its transaction on a Vert.x context; returns how long that took. */
  private long apply(List<Decoded> chunk) throws Throwable {
    long start = System.nanoTime();
    try {
      VertxContextSupport.subscribeAndAwait(() -> groupChunk(chunk));
    } finally {
      chunk.forEach(d -> d.span().end());
    }
    return System.nanoTime() - start;
  }

  /**
   * While this instance's own ingest accepts alerts hard, its acknowledgement latency comes first:
   * after a transaction this thread waits a multiple of its duration, so grouping (and the database
   * work it causes) takes a bounded share of the cores. The alerts wait, durable, on the topic. A
   * worker instance (ADR 0106) has no ingest of its own and never yields: grouping does not
   * throttle itself on the machine's load, which on Kubernetes is other tenants' (ADR 0107).
   */
  private void yieldToIngest(long tookNanos) throws InterruptedException {
    DetectionConfig.Grouping g = config.grouping();
    if (!yields(load.perSecond(), g)) {
      return;
    }
    long waitNanos = Math.min((long) (tookNanos * g.yieldRatio()), g.maxYield().toNanos());
    yielded.increment();
    TimeUnit.NANOSECONDS.sleep(waitNanos);
  }

  /**
   * Whether grouping yields after a transaction: while this instance's ingest accepted at least
   * {@code yield-above-alerts-per-second} alerts in the last second.
   */
  public static boolean yields(long ingestPerSecond, DetectionConfig.Grouping g) {
    return g.yieldAboveAlertsPerSecond() > 0 && ingestPerSecond >= g.yieldAboveAlertsPerSecond();
  }

  /**
   * Consecutive records of at most {@link #MAX_ALERTS_PER_TRANSACTION} alerts (a record is never
   * split), so that a poll of large ingest batches does not become one huge transaction.
   */
  public static <T> List<List<T>> chunks(List<T> items, ToIntFunction<T> size) {
    List<List<T>> chunks = new ArrayList<>();
    List<T> current = new ArrayList<>();
    int alerts = 0;
    for (T item : items) {
      int n = size.applyAsInt(item);
      if (!current.isEmpty() && alerts + n > MAX_ALERTS_PER_TRANSACTION) {
        chunks.add(current);
        current = new ArrayList<>();
        alerts = 0;
      }
      current.add(item);
      alerts += n;
    }
    chunks.add(current);
    return chunks;
  }

  private static List<List<Decoded>> chunks(List<Decoded> decoded) {
    return chunks(decoded, d -> d.alerts().size());
  }

  private Uni<Void> groupChunk(List<Decoded> decoded) {
    Timer.Sample sample = Timer.start(registry);
    return parking
        .retry(
            () ->
                group(decoded)
                    .onFailure()
                    .invoke(
                        e ->
                            LOG.warnf(
                                "%s: batch of %d failed: %s",
                                CONSUMER, decoded.size(), e.toString())),
            BATCH_ATTEMPTS + 1)
        .onFailure()
        .recoverWithUni(
            e -> {
              LOG.errorf(
                  "%s: batch of %d failed %d times (%s); applying its alerts one by one",
                  CONSUMER, decoded.size(), BATCH_ATTEMPTS + 1, e.toString());
              return oneByOne(decoded);
            })
        .invoke(() -> sample.stop(batches));
  }

  /**
   * The fallback: each record in its own transaction, with bounded attempts; one that keeps failing
   * is parked.
   */
  private Uni<Void> oneByOne(List<Decoded> decoded) {
    return Multi.createFrom()
        .iterable(decoded)
        .onItem()
        .transformToUniAndConcatenate(
            d -> parking.attempt(CONSUMER, d.record(), d.event(), () -> group(List.of(d)), null))
        .onItem()
        .ignoreAsUni();
  }

  /** One transaction: record the batch's ids in the inbox, group the alerts that were new. */
  private Uni<Void> group(List<Decoded> decoded) {
    // Deferred: every retry opens a new session and transaction.
    return Uni.createFrom()
        .deferred(() -> Panache.withTransaction(() -> groupNew(decoded)))
        .replaceWithVoid();
  }

  @Override
  public String consumerName() {
    return CONSUMER;
  }

  /** A parked record again, in the caller's transaction (a replay). */
  @Override
  public Uni<Boolean> applyOnce(ConsumerRecord<String, byte[]> record) {
    IncomingEvent event = codec.read(record);
    if (!ALERTS.handles(event.type())) {
      return Uni.createFrom().item(false);
    }
    return groupNew(
            List.of(new Decoded(record, event, ALERTS.handle(event, codec), Span.getInvalid())))
        .map(applied -> applied > 0);
  }

  /**
   * Records the records' ids in the inbox and groups the alerts of those that were new, in the
   * caller's transaction; returns how many records were new.
   */
  private Uni<Integer> groupNew(List<Decoded> decoded) {
    return inbox
        .recordAll(CONSUMER, events(decoded))
        .chain(
            fresh -> {
              List<AlertReceived> apply = new ArrayList<>();
              Map<String, Integer> processed = new HashMap<>(4);
              int duplicates = 0;
              for (Decoded d : decoded) {
                if (fresh.remove(d.event().id())) {
                  apply.addAll(d.alerts());
                  processed.merge(d.event().type(), 1, Integer::sum);
                } else {
                  duplicates++;
                }
              }
              if (duplicates > 0) {
                registry
                    .counter("firebell.inbox.duplicates", "consumer", CONSUMER)
                    .increment(duplicates);
              }
              int applied = decoded.size() - duplicates;
              return grouping
                  .applyBatch(apply, traces(decoded))
                  .invoke(
                      () -> {
                        if (Warmup.active()) {
                          return; // rolled back: counts nothing (ADR 0141)
                        }
                        alertsGrouped.increment(apply.size());
                        processed.forEach(
                            (type, n) ->
                                registry
                                    .counter(
                                        "firebell.inbox.processed",
                                        "consumer",
                                        CONSUMER,
                                        "type",
                                        type)
                                    .increment(n));
                      })
                  .replaceWith(applied);
            });
  }

  /**
   * Reads a poll's records. Records of other types are not grouping's business; a malformed record
   * is parked at once (retrying cannot fix it).
   */
  private List<Decoded> decode(ConsumerRecords<String, byte[]> records) throws Throwable {
    List<Decoded> decoded = new ArrayList<>(records.count());
    for (ConsumerRecord<String, byte[]> record : records) {
      IncomingEvent event = null;
      try {
        event = codec.read(record);
        if (ALERTS.handles(event.type())) {
          decoded.add(
              new Decoded(
                  record,
                  event,
                  ALERTS.handle(event, codec),
                  tracing.process(record, CONSUMER, event.id().toString(), event.type())));
        }
      } catch (MalformedEventException e) {
        registry.counter("firebell.inbox.malformed", "consumer", CONSUMER).increment();
        IncomingEvent readable = event;
        VertxContextSupport.subscribeAndAwait(
            () -> parking.parkMalformed(CONSUMER, record, readable, e));
      }
    }
    return decoded;
  }

  /** Each traced alert's context (its record's process span); null for the others. */
  private static java.util.function.Function<AlertReceived, Context> traces(List<Decoded> decoded) {
    Map<AlertReceived, Context> traces = null;
    for (Decoded d : decoded) {
      if (d.span().getSpanContext().isValid()) {
        if (traces == null) {
          traces = new IdentityHashMap<>();
        }
        Context context = Context.root().with(d.span());
        for (AlertReceived a : d.alerts()) {
          traces.put(a, context);
        }
      }
    }
    return traces == null ? a -> null : traces::get;
  }

  private static List<IncomingEvent> events(List<Decoded> decoded) {
    List<IncomingEvent> events = new ArrayList<>(decoded.size());
    decoded.forEach(d -> events.add(d.event()));
    return events;
  }
}
