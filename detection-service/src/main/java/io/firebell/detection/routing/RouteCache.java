package io.firebell.detection.routing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The routing table in memory. Ingest routes every alert against {@link #table()} without touching
 * the database; the table is reloaded when this instance changes a route and every {@code
 * firebell.detection.route-refresh} (other replicas' changes), see ADR 0102.
 */
@ApplicationScoped
public class RouteCache {

  private static final Logger LOG = Logger.getLogger(RouteCache.class);
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final Pool pool;
  private final ObjectMapper mapper;
  private volatile RouteTable table;

  public RouteCache(Pool pool, ObjectMapper mapper) {
    this.pool = pool;
    this.mapper = mapper;
  }

  void load(@Observes StartupEvent event) {
    reload().await().atMost(Duration.ofSeconds(30));
  }

  @Scheduled(
      every = "${firebell.detection.route-refresh:PT10S}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> refresh() {
    return reload()
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.warnf(
                  "routing table refresh failed, keeping the previous one: %s", e.getMessage());
              return null;
            });
  }

  public RouteTable table() {
    RouteTable current = table;
    if (current == null) {
      throw new IllegalStateException("routing table not loaded yet");
    }
    return current;
  }

  /** Reads the routes table and swaps the snapshot in. */
  public Uni<Void> reload() {
    return pool.query(
            "select id, name, matchers::text as matchers, domain, service, kind, severity, partner,"
                + " group_by, auto_declare, page, page_min_severity, catch_all"
                + " from route order by catch_all, position, created_at")
        .execute()
        .map(
            rows -> {
              List<RouteTable.Compiled> routes = new ArrayList<>();
              for (Row row : rows) {
                routes.add(compile(row));
              }
              table = new RouteTable(routes);
              return null;
            });
  }

  private RouteTable.Compiled compile(Row row) {
    List<String> matchers;
    try {
      matchers = mapper.readValue(row.getString("matchers"), STRINGS);
    } catch (Exception e) {
      throw new IllegalStateException("route " + row.getUUID("id") + " has unreadable matchers", e);
    }
    return new RouteTable.Compiled(
        row.getUUID("id"),
        row.getString("name"),
        matchers.stream().map(m -> Matcher.parse(m).compiled()).toList(),
        row.getString("domain"),
        row.getString("service"),
        row.getString("kind"),
        Severity.fromWire(row.getString("severity")),
        row.getString("partner"),
        Arrays.asList(row.getArrayOfStrings("group_by")),
        row.getBoolean("auto_declare"),
        row.getBoolean("page"),
        Severity.fromWire(row.getString("page_min_severity")),
        row.getBoolean("catch_all"));
  }
}
