package io.firebell.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.firebell.platform.testing.Sql;
import io.firebell.platform.warmup.Warmup;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The warm-up (ADR 0141) groups a real alert and runs a webhook's own work, and leaves nothing
 * behind: no alert group, alert or outbox event of its route key, no record taking the fresh lane.
 */
@QuarkusTest
class WarmupTest {

  @Inject AgroalDataSource db;
  @Inject Warmup warmup;
  @Inject MeterRegistry registry;

  @Test
  void groupingRunsAndRollsBackLeavingNoTrace() throws Exception {
    double freshLane = registry.counter("firebell.ingest.fresh-lane.records").count();

    assertThat(warmup.warmNow(2))
        .containsExactlyInAnyOrder("detection.grouping", "detection.ingest");

    assertThat(registry.counter("firebell.ingest.fresh-lane.records").count()).isEqualTo(freshLane);

    assertThat(
            Sql.count(
                db, "select count(*) from alert_group where route_key like 'firebell-warmup/%'"))
        .isZero();
    assertThat(Sql.count(db, "select count(*) from alert where dedup_key = 'warmup'")).isZero();
    assertThat(
            Sql.count(
                db, "select count(*) from outbox_message where payload like '%firebell-warmup%'"))
        .isZero();
  }
}
