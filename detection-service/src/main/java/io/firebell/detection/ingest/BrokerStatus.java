package io.firebell.detection.ingest;

import io.firebell.detection.config.DetectionConfig;
import io.firebell.platform.events.KafkaRecords;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.jboss.logging.Logger;

/**
 * Whether this instance sees the Kafka cluster, checked every {@code
 * firebell.detection.ingest.broker-check-interval} on a thread of its own and remembered: readiness
 * reads the remembered answer (it never waits on the broker), and ingest answers 503 at once while
 * the broker is down instead of holding requests for the acknowledgement deadline (ADR 0111).
 */
@ApplicationScoped
public class BrokerStatus {

  private static final Logger LOG = Logger.getLogger(BrokerStatus.class);

  private final Map<String, Object> kafkaConfig;
  private final Duration interval;
  private volatile ScheduledExecutorService checker;
  private volatile Admin admin;
  private volatile boolean up = true;
  private volatile String detail = "not checked yet";

  public BrokerStatus(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, DetectionConfig config) {
    this.kafkaConfig = kafkaConfig;
    this.interval = config.ingest().brokerCheckInterval();
  }

  void start(@Observes StartupEvent event) {
    Map<String, Object> props = KafkaRecords.clientSettings(kafkaConfig);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "detection-broker-status-" + UUID.randomUUID());
    int timeoutMs = timeoutMs();
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    admin = Admin.create(props);
    checker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "firebell-broker-status");
              t.setDaemon(true);
              return t;
            });
    check();
    checker.scheduleWithFixedDelay(
        this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (checker != null) {
      checker.shutdownNow();
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
    }
  }

  /** Whether the last check reached a broker. */
  public boolean up() {
    return up;
  }

  /** A check waits at least 2 s: a loaded machine's first connection can take over a second. */
  private int timeoutMs() {
    return (int) Math.max(2000, interval.toMillis());
  }

  private void check() {
    int timeoutMs = timeoutMs();
    try {
      Collection<Node> nodes =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
              .nodes()
              .get(timeoutMs + 500L, TimeUnit.MILLISECONDS);
      boolean seen = !nodes.isEmpty();
      if (seen != up) {
        LOG.infof("Kafka is %s for ingest", seen ? "reachable again" : "unreachable");
      }
      detail = nodes.size() + " broker(s)";
      up = seen;
    } catch (Exception e) {
      if (up) {
        LOG.warnf("Kafka is unreachable for ingest: %s", e.toString());
      }
      detail = e.getClass().getSimpleName() + ": " + e.getMessage();
      up = false;
    }
  }

  /** What the last check found: the number of brokers seen, or the error. */
  public String detail() {
    return detail;
  }
}
