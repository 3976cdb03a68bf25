package io.firebell.detection.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A route created on another instance (ingest and grouping run apart, ADR 0106) is found by id
 * before the periodic refresh: grouping must not skip the page or the auto-declaration of the first
 * alerts it routed.
 */
@QuarkusTest
@TestProfile(RouteCacheTest.NoPeriodicRefresh.class)
class RouteCacheTest {

  /** The periodic refresh far away, so that only {@link RouteCache#find} can find the route. */
  public static class NoPeriodicRefresh implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("firebell.detection.route-refresh", "PT1H");
    }
  }

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Inject RouteCache routes;
  @Inject AgroalDataSource db;

  @Test
  void aRouteAnotherInstanceCreatedIsFoundAtOnce() throws Exception {
    UUID created = UUID.randomUUID();
    insertRoute(created, "made-elsewhere-" + created);
    assertThat(routes.table().find(created)).as("not in this instance's table yet").isNull();

    RouteTable.Compiled found = routes.find(created).await().atMost(WAIT);

    assertThat(found).isNotNull();
    assertThat(found.autoDeclare()).isTrue();
    assertThat(routes.table().find(created)).isNotNull();
  }

  private void insertRoute(UUID id, String name) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "insert into route (id, position, name, matchers, domain, service, kind, severity,"
                    + " partner, group_by, auto_declare, page, page_min_severity, catch_all,"
                    + " created_at, updated_at) values (?, 1000, ?, '[]', 'unrouted', null,"
                    + " 'system', null, null, '{alertname}', true, false, 'critical', false, now(),"
                    + " now())")) {
      s.setObject(1, id);
      s.setString(2, name);
      s.executeUpdate();
    }
  }
}
