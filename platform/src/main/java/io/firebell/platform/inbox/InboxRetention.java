package io.firebell.platform.inbox;

import io.firebell.platform.boot.InFlight;
import io.firebell.platform.config.InboxConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.jboss.logging.Logger;

/**
 * Keeps the inbox from growing forever: processed event ids older than {@code
 * firebell.inbox.retention} are deleted, in batches, by a scheduled job on a worker thread. The
 * window must outlast every record of the topics this service consumes (their {@code retention.ms}
 * plus {@code segment.ms}, since Kafka deletes whole segments): a record that can still be
 * re-delivered must still be recognised. That is checked against the broker at start-up and before
 * every purge; while it does not hold (or cannot be checked), nothing is purged and the log says
 * why.
 */
@ApplicationScoped
public class InboxRetention {

  private static final Logger LOG = Logger.getLogger(InboxRetention.class);
  private static final Pattern INCOMING_TOPIC =
      Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic");
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);
  private static final String PURGE_BATCH =
      """
      delete from inbox_event i
       using (select consumer, event_id from inbox_event
               where processed_at < $1
               limit $2
               for update skip locked) old
       where i.consumer = old.consumer and i.event_id = old.event_id
      """;

  /**
   * What the broker says about the window.
   *
   * @param problems one line per topic whose records may outlive the window (or why the check could
   *     not be made); empty when purging is safe
   */
  public record Check(List<String> problems) {
    public boolean safe() {
      return problems.isEmpty();
    }
  }

  private final InboxConfig config;
  private final Pool pool;
  private final Clock clock;
  private final Map<String, Object> kafkaConfig;
  private final org.eclipse.microprofile.config.Config mpConfig;

  public InboxRetention(
      InboxConfig config,
      Pool pool,
      Clock clock,
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      org.eclipse.microprofile.config.Config mpConfig) {
    this.config = config;
    this.pool = pool;
    this.clock = clock;
    this.kafkaConfig = kafkaConfig;
    this.mpConfig = mpConfig;
  }

  /** Says at once (off the start-up thread) whether the configured window is long enough. */
  void start(@Observes StartupEvent event) {
    Infrastructure.getDefaultWorkerPool()
        .execute(
            () -> {
              Check check = check(config.retention());
              if (check.safe()) {
                LOG.infof(
                    "inbox retention %s outlasts the records of %s",
                    config.retention(), consumedTopics());
              } else {
                report(check);
              }
            });
  }

  @Scheduled(
      every = "${firebell.inbox.purge-every}",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduledPurge() {
    InFlight.run(this::purge);
  }

  /**
   * Deletes the processed events older than the retention window, if the window outlasts the
   * consumed topics' records.
   *
   * @return how many inbox rows were deleted
   */
  public long purge() {
    Check check = check(config.retention());
    if (!check.safe()) {
      report(check);
      return 0;
    }
    OffsetDateTime cutoff =
        OffsetDateTime.ofInstant(Instant.now(clock).minus(config.retention()), ZoneOffset.UTC);
    long total = 0;
    int deleted;
    do {
      deleted =
          pool.preparedQuery(PURGE_BATCH)
              .execute(Tuple.of(cutoff, config.purgeBatch()))
              .await()
              .atMost(Duration.ofMinutes(1))
              .rowCount();
      total += deleted;
    } while (deleted >= config.purgeBatch());
    if (total > 0) {
      LOG.infof("inbox: purged %d processed events older than %s", total, cutoff);
    }
    return total;
  }

  /**
   * Asks the broker how long the consumed topics keep a record, and compares with {@code window}.
   */
  public Check check(Duration window) {
    Set<String> topics = consumedTopics();
    if (topics.isEmpty()) {
      return new Check(List.of());
    }
    Map<String, Object> props = new HashMap<>();
    kafkaConfig.forEach(
        (key, value) -> {
          if (AdminClientConfig.configNames().contains(key)) {
            props.put(key, value);
          }
        });
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
    List<ConfigResource> resources =
        topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
    Map<ConfigResource, Config> configs;
    try (Admin admin = Admin.create(props)) {
      configs =
          admin
              .describeConfigs(resources)
              .all()
              .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Check(List.of("interrupted while asking Kafka for the topics' retention"));
    } catch (Exception e) {
      return new Check(List.of("the topics' retention cannot be read from Kafka (" + e + ")"));
    }
    List<String> problems = new ArrayList<>();
    configs.forEach(
        (resource, topicConfig) -> {
          long retention = millis(topicConfig, TopicConfig.RETENTION_MS_CONFIG);
          long segment = millis(topicConfig, TopicConfig.SEGMENT_MS_CONFIG);
          if (retention < 0) {
            problems.add(resource.name() + " keeps its records forever (retention.ms -1)");
          } else if (window.toMillis() <= retention + segment) {
            problems.add(
                resource.name()
                    + " may keep a record for "
                    + Duration.ofMillis(retention + segment)
                    + " (retention.ms + segment.ms)");
          }
        });
    return new Check(problems);
  }

  private void report(Check check) {
    LOG.errorf(
        "inbox: processed events are not purged: %s. A re-delivered event must still be"
            + " recognised, so firebell.inbox.retention (%s) must outlast every consumed topic's"
            + " records.",
        String.join("; ", check.problems()), config.retention());
  }

  /** The topics of this service's incoming channels. */
  private Set<String> consumedTopics() {
    Set<String> topics = new TreeSet<>();
    for (String name : mpConfig.getPropertyNames()) {
      Matcher m = INCOMING_TOPIC.matcher(name);
      if (m.matches()) {
        mpConfig.getOptionalValue(name, String.class).ifPresent(topics::add);
      }
    }
    return topics;
  }

  private static long millis(Config topicConfig, String name) {
    var entry = topicConfig.get(name);
    return entry == null || entry.value() == null ? 0 : Long.parseLong(entry.value());
  }
}
