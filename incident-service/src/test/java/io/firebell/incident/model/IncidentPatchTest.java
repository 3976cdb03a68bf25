package io.firebell.incident.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebell.contracts.FirebellEvent;
import io.firebell.contracts.incident.IncidentUpdated;
import io.firebell.platform.json.Patch;
import io.firebell.platform.problem.ProblemException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A merge patch applied to an incident, without Quarkus. */
class IncidentPatchTest {

  private static final Instant NOW = DomainRulesTest.NOW;
  private static final Instant LATER = NOW.plusSeconds(60);

  @Test
  void setsWhatIsSentClearsWhatIsNullAndKeepsTheRest() {
    Incident incident = incident();
    incident.update(patch(Map.of("location", Patch.of("POST /v1/orders"))), "dana", NOW);
    List<FirebellEvent> events =
        incident.update(
            patch(
                Map.of(
                    "severity", Patch.of("SEV2"),
                    "location", Patch.of(null),
                    "occurredAt", Patch.of(NOW.minusSeconds(600)))),
            "dana",
            LATER);
    assertThat(incident.getSeverity()).isEqualTo("SEV2");
    assertThat(incident.getLocation()).isNull();
    assertThat(incident.getTitle()).isEqualTo("t");
    assertThat(incident.getUpdatedAt()).isEqualTo(LATER);
    assertThat(events).hasSize(1);
    IncidentUpdated updated = (IncidentUpdated) events.get(0);
    assertThat(updated.changes())
        .containsEntry("severity", "SEV2")
        .containsEntry("location", null)
        .containsEntry("occurredAt", "2026-03-12T10:50:00Z")
        .hasSize(3);
  }

  @Test
  void aPatchThatChangesNothingCausesNoEvent() {
    Incident incident = incident();
    assertThat(incident.update(patch(Map.of("title", Patch.of("t"))), "dana", LATER)).isEmpty();
    assertThat(incident.getUpdatedAt()).isEqualTo(NOW);
  }

  @Test
  void checkedTidiesAndRefuses() {
    IncidentPatch tidy =
        patch(
                Map.of(
                    "title", Patch.of("  Orders fail  "),
                    "services", Patch.of(List.of(" order-api", "order-api ", "pay-api")),
                    "domains", Patch.of(null)))
            .checked();
    assertThat(tidy.title().value()).isEqualTo("Orders fail");
    assertThat(tidy.services().value()).containsExactly("order-api", "pay-api");
    assertThat(tidy.domains().value()).isEmpty();
    assertThat(tidy.summary().isPresent()).isFalse();

    refused(Map.of(), "nothing to change");
    refused(Map.of("title", Patch.of(null)), "title");
    refused(Map.of("title", Patch.of("x".repeat(201))), "title");
    refused(Map.of("severity", Patch.of(null)), "severity");
    refused(Map.of("detectedAt", Patch.of(null)), "detectedAt");
    refused(Map.of("detectionMethod", Patch.of("psychic")), "detectionMethod");
    refused(Map.of("warRoomUrl", Patch.of("not a url")), "warRoomUrl");
    refused(Map.of("services", Patch.of(List.of(" "))), "services");
  }

  @Test
  void theIncidentKeepsAServiceOrDomainAndDetectionAfterOccurrence() {
    assertThatThrownBy(
            () ->
                incident()
                    .update(
                        patch(Map.of("services", Patch.of(List.of()))).checked(), "dana", LATER))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("service or domain");
    assertThatThrownBy(
            () ->
                incident()
                    .update(patch(Map.of("occurredAt", Patch.of(LATER))).checked(), "dana", LATER))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("detectedAt");
  }

  @Test
  void theKindAndThePartnerAreHeldTogetherAndTheSnapshotCarriesBoth() {
    Incident incident = incident();
    assertThatThrownBy(
            () ->
                incident.update(
                    patch(Map.of("detectionMethod", Patch.of("partner_report"))), "dana", NOW))
        .hasMessageContaining("partner");
    List<FirebellEvent> events =
        incident.update(
            patch(
                Map.of(
                    "detectionMethod", Patch.of("partner_report"), "partner", Patch.of("pg-kcp"))),
            "dana",
            NOW);
    IncidentUpdated updated = (IncidentUpdated) events.get(0);
    assertThat(updated.partner()).isEqualTo("pg-kcp");
    assertThat(updated.detectionMethod()).isEqualTo("partner_report");
    assertThat(updated.changes()).containsEntry("partner", "pg-kcp");
    // a partner report recorded before partners existed still takes other changes
    Incident old =
        Incident.declare(
                java.util.UUID.randomUUID(),
                "INC-2",
                new Declaration(
                    "t",
                    null,
                    "SEV3",
                    List.of("payment-api"),
                    List.of(),
                    null,
                    null,
                    DetectionMethod.PARTNER_REPORT,
                    null,
                    null,
                    null,
                    null,
                    null),
                "dana",
                NOW)
            .incident();
    assertThat(old.update(patch(Map.of("title", Patch.of("PG down"))), "dana", NOW)).hasSize(1);
  }

  private static void refused(Map<String, Patch<?>> fields, String message) {
    assertThatThrownBy(() -> patch(fields).checked())
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(400));
  }

  /** A patch with the given fields and every other left out. */
  @SuppressWarnings("unchecked")
  private static IncidentPatch patch(Map<String, Patch<?>> fields) {
    Map<String, Patch<?>> f = new HashMap<>(fields);
    return new IncidentPatch(
        (Patch<String>) f.getOrDefault("title", Patch.absent()),
        (Patch<String>) f.getOrDefault("summary", Patch.absent()),
        (Patch<String>) f.getOrDefault("severity", Patch.absent()),
        (Patch<List<String>>) f.getOrDefault("services", Patch.absent()),
        (Patch<List<String>>) f.getOrDefault("domains", Patch.absent()),
        (Patch<List<String>>) f.getOrDefault("stakeholderGroups", Patch.absent()),
        (Patch<String>) f.getOrDefault("impactScope", Patch.absent()),
        (Patch<String>) f.getOrDefault("customerImpact", Patch.absent()),
        (Patch<String>) f.getOrDefault("warRoomUrl", Patch.absent()),
        (Patch<String>) f.getOrDefault("detectionMethod", Patch.absent()),
        (Patch<String>) f.getOrDefault("location", Patch.absent()),
        (Patch<Instant>) f.getOrDefault("occurredAt", Patch.absent()),
        (Patch<Instant>) f.getOrDefault("detectedAt", Patch.absent()),
        (Patch<Instant>) f.getOrDefault("acknowledgedAt", Patch.absent()),
        (Patch<Instant>) f.getOrDefault("mitigatedAt", Patch.absent()),
        (Patch<String>) f.getOrDefault("partner", Patch.absent()),
        (Patch<Boolean>) f.getOrDefault("trafficSurge", Patch.absent()));
  }

  private static Incident incident() {
    return DomainRulesTest.incident();
  }
}
