package io.firebell.incident;

import static io.firebell.incident.Api.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.firebell.platform.warmup.Warmup;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The warm-up (ADR 0141) runs the real declaration path and leaves nothing behind: no incident,
 * timeline entry or outbox event, and no number taken from the reference sequence.
 */
@QuarkusTest
class WarmupTest {

  @Inject AgroalDataSource db;
  @Inject Warmup warmup;

  @Test
  void declaringRunsAndRollsBackLeavingNoTrace() throws Exception {
    long sequence = count(db, "select last_value from incident_reference_seq");

    assertThat(warmup.warmNow(3)).containsExactly("incident.declarations");

    // Each round declared an incident for domain firebell-warmup and appended its event.
    assertThat(
            count(
                db,
                "select count(*) from incident where reference like 'INC-WARMUP%'"
                    + " or title like 'firebell-warmup%'"))
        .isZero();
    assertThat(
            count(db, "select count(*) from outbox_message where payload like '%firebell-warmup%'"))
        .isZero();
    assertThat(
            count(
                db,
                "select count(*) from incident_timeline t"
                    + " where not exists (select 1 from incident i where i.id = t.incident_id)"))
        .isZero();
    assertThat(count(db, "select last_value from incident_reference_seq")).isEqualTo(sequence);
    assertThat(warmup.done()).isTrue();
  }
}
