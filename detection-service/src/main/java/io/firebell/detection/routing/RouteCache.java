package io.firebell.detection.routing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.platform.boot.InFlight;
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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
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

  /** How often at most a route id this table does not know reloads it (see {@link #find}). */
  private static final long UNKNOWN_ROUTE_RELOAD_NANOS = Duration.ofSeconds(1).toNanos();

  private final Pool pool;
  private final ObjectMapper mapper;
  private volatile RouteTable table;
  private final AtomicLong unknownRouteReloadedAt =
      new AtomicLong(System.nanoTime() - UNKNOWN_ROUTE_RELOAD_NANOS);

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
    return InFlight.track(this::reload)
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

  /**
   * The route with this id. An alert can name a route this instance does not know yet: ingest
   * routed it on another instance that created the route a moment ago (grouping runs apart from
   * ingest, ADR 0106), and the periodic refresh is seconds away. Without the route, grouping would
   * neither page nor auto-declare, so an unknown id reloads the table at once — at most once a
   * second, so that the groups of a deleted route cannot make every batch read the table.
   */
  public Uni<RouteTable.Compiled> find(UUID id) {
    RouteTable.Compiled known = table().find(id);
    long now = System.nanoTime();
    long last = unknownRouteReloadedAt.get();
    if (known != null
        || now - last < UNKNOWN_ROUTE_RELOAD_NANOS
        || !unknownRouteReloadedAt.compareAndSet(last, now)) {
      return Uni.createFrom().item(known);
    }
    return refresh().map(ignored -> table().find(id));
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
