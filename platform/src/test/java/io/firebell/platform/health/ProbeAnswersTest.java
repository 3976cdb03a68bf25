package io.firebell.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebell.platform.health.ProbeAnswers.Group;
import io.smallrye.health.SmallRyeHealth;
import jakarta.json.Json;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the probe port answers from the last evaluation (ADR 0147). */
class ProbeAnswersTest {

  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong now = new AtomicLong(100 * SECOND);
  private final ProbeAnswers answers = new ProbeAnswers(10 * SECOND, now::get);

  private static SmallRyeHealth health(String status) {
    return new SmallRyeHealth(
        Json.createObjectBuilder()
            .add("status", status)
            .add(
                "checks",
                Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("name", "db").add("status", status)))
            .build());
  }

  @Test
  void downUntilTheFirstEvaluation() {
    assertThat(answers.answer(Group.READY).status()).isEqualTo(503);
    assertThat(answers.answer(Group.READY).text()).contains("health not evaluated yet");
  }

  @Test
  void answersTheLastEvaluationOfEachGroup() {
    answers.evaluated(Group.READY, health("UP"));
    answers.evaluated(Group.LIVE, health("DOWN"));

    assertThat(answers.answer(Group.READY).status()).isEqualTo(200);
    assertThat(answers.answer(Group.READY).text()).contains("\"name\":\"db\"", "\"UP\"");
    assertThat(answers.answer(Group.LIVE).status()).isEqualTo(503);
    assertThat(answers.answer(Group.STARTED).status()).isEqualTo(503);
  }

  @Test
  void aFailedEvaluationIsDownWithItsReason() {
    answers.evaluated(Group.READY, health("UP"));
    answers.failed(Group.READY, "Timeout");

    assertThat(answers.answer(Group.READY).status()).isEqualTo(503);
    assertThat(answers.answer(Group.READY).text()).contains("health evaluation failed", "Timeout");
  }

  @Test
  void anEvaluationOlderThanTheMaximumAgeIsDown() {
    answers.evaluated(Group.LIVE, health("UP"));

    now.addAndGet(10 * SECOND);
    assertThat(answers.answer(Group.LIVE).status()).isEqualTo(200);

    now.addAndGet(SECOND / 1000 + 1);
    assertThat(answers.answer(Group.LIVE).status()).isEqualTo(503);
    assertThat(answers.answer(Group.LIVE).text())
        .contains("health evaluation overdue", "last completed 10001 ms ago");

    answers.evaluated(Group.LIVE, health("UP"));
    assertThat(answers.answer(Group.LIVE).status()).isEqualTo(200);
  }

  @Test
  void aStoppingServiceIsNotReadyButStillLive() {
    answers.evaluated(Group.READY, health("UP"));
    answers.evaluated(Group.LIVE, health("UP"));

    answers.stopping();

    assertThat(answers.answer(Group.READY).status()).isEqualTo(503);
    assertThat(answers.answer(Group.READY).text()).contains("service stopping");
    assertThat(answers.answer(Group.LIVE).status()).isEqualTo(200);
  }

  @Test
  void onlyTheProbedGroupsHavePaths() {
    assertThat(Group.of("ready")).isEqualTo(Group.READY);
    assertThat(Group.of("live")).isEqualTo(Group.LIVE);
    assertThat(Group.of("started")).isEqualTo(Group.STARTED);
    assertThat(Group.of("well")).isNull();
    assertThat(Group.of("")).isNull();
  }
}
