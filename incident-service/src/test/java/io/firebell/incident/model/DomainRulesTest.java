package io.firebell.incident.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebell.platform.problem.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pure rules of the incident model, without Quarkus. */
public class DomainRulesTest {

  static final Instant NOW = Instant.parse("2026-03-12T11:00:00Z");

  @Test
  void lifecycleTable() {
    assertThat(IncidentStatus.INVESTIGATING.next())
        .containsExactlyInAnyOrder(
            IncidentStatus.IDENTIFIED, IncidentStatus.MONITORING, IncidentStatus.RESOLVED);
    assertThat(IncidentStatus.RESOLVED.next()).containsExactly(IncidentStatus.CLOSED);
    assertThat(IncidentStatus.CLOSED.next()).isEmpty();
    for (IncidentStatus s : IncidentStatus.values()) {
      assertThat(s.canMoveTo(s)).as(s + " to itself").isFalse();
      if (s.isActive()) {
        assertThat(s.canMoveTo(IncidentStatus.CLOSED)).as(s + " to closed").isFalse();
      }
    }
  }

  @Test
  void detectionMethodFollowsTheSignalKind() {
    assertThat(DetectionMethod.fromSignalKind("system")).isEqualTo(DetectionMethod.SYSTEM_ALARM);
    assertThat(DetectionMethod.fromSignalKind("business"))
        .isEqualTo(DetectionMethod.BUSINESS_METRIC);
    assertThat(DetectionMethod.fromSignalKind("external_integration"))
        .isEqualTo(DetectionMethod.EXTERNAL_INTEGRATION);
    assertThat(DetectionMethod.fromSignalKind("cs_inquiry")).isEqualTo(DetectionMethod.CS_INQUIRY);
    assertThat(DetectionMethod.fromSignalKind("something_new"))
        .isEqualTo(DetectionMethod.SYSTEM_ALARM);
  }

  @Test
  void rolesSeparationAndItsOverride() {
    Incident incident = incident();
    incident.assignRole(IncidentRole.RECOVERY_LEAD, "jihoon", null, null, "dana", NOW);
    assertThatThrownBy(
            () ->
                incident.assignRole(
                    IncidentRole.COMMUNICATIONS_LEAD, "jihoon", null, null, "dana", NOW))
        .isInstanceOf(ProblemException.class)
        .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(409));
    var event =
        incident.assignRole(
            IncidentRole.COMMUNICATIONS_LEAD, "jihoon", "ada", "alone on call", "ada", NOW);
    assertThat(event.overrideBy()).isEqualTo("ada");
    assertThat(event.overrideReason()).isEqualTo("alone on call");
    // an override offered where no rule is broken is not recorded as one
    var plain = incident.assignRole(IncidentRole.COMMANDER, "jihoon", "ada", "why not", "ada", NOW);
    assertThat(plain.overrideBy()).isNull();
  }

  @Test
  void theHotfixGate() {
    var recorded =
        RecoveryAction.record(
            UUID.randomUUID(),
            new RecoveryAction.Plan(
                ActionKind.HOTFIX,
                null,
                "fix",
                "order-api",
                null,
                null,
                null,
                "jihoon",
                null,
                null,
                false,
                new RecoveryAction.HotfixReason("rollback_impossible", "schema change")),
            "jihoon",
            NOW);
    RecoveryAction hotfix = recorded.action();
    assertThatThrownBy(() -> hotfix.moveTo(ActionStatus.DONE, "jihoon", NOW))
        .hasMessageContaining("pair reviewer")
        .hasMessageContaining("beta");
    assertThatThrownBy(() -> hotfix.approveAsPairReviewer("jihoon", NOW))
        .hasMessageContaining("cannot also be its pair reviewer");
    hotfix.approveAsPairReviewer("minji", NOW);
    hotfix.verifyOnBeta("qa", NOW, "https://ci.example.com/1", "qa", NOW);
    assertThat(hotfix.moveTo(ActionStatus.DONE, "jihoon", NOW).betaVerified()).isTrue();
    // failing is always allowed: a failed hotfix never reached production
    RecoveryAction other =
        RecoveryAction.record(
                UUID.randomUUID(),
                new RecoveryAction.Plan(
                    ActionKind.HOTFIX,
                    null,
                    "fix",
                    null,
                    null,
                    null,
                    null,
                    "jihoon",
                    null,
                    null,
                    false,
                    new RecoveryAction.HotfixReason(
                        "faster", "one-line fix, rebuild takes 40 min")),
                "jihoon",
                NOW)
            .action();
    assertThat(other.moveTo(ActionStatus.FAILED, "jihoon", NOW).status()).isEqualTo("failed");
  }

  /** A new incident "t" on order-api, declared at {@link #NOW}. */
  public static Incident incident() {
    return Incident.declare(
            UUID.randomUUID(),
            "INC-1",
            new Declaration(
                "t",
                null,
                "SEV3",
                List.of("order-api"),
                List.of(),
                null,
                null,
                DetectionMethod.MANUAL,
                null,
                null,
                null,
                null,
                null),
            "dana",
            NOW)
        .incident();
  }
}
