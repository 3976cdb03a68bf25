package io.firebell.console.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebell.client.Http;
import org.junit.jupiter.api.Test;

/**
 * What the dashboard's learning sections say of review-service's availability per service,
 * detection gaps and weak spots (its {@code /v1/metrics/services}, {@code /detection-gaps} and
 * {@code /weak-spots} answers).
 */
class DashboardLearningRowsTest {

  @Test
  void aServiceShowsItsAvailabilityImpactAndMedianTimes() throws Exception {
    DashboardResource.ServiceRow row =
        DashboardResource.ServiceRow.of(
            Http.JSON.readTree(
                "{\"service\":\"order-api\",\"incidents\":2,\"impactSeconds\":3600,"
                    + "\"availability\":0.99861,\"mttd\":{\"n\":2,\"p50\":120,\"p90\":300,\"mean\":210},"
                    + "\"mtta\":{\"n\":2,\"p50\":30,\"p90\":60,\"mean\":45},"
                    + "\"mttr\":{\"n\":1,\"p50\":5400,\"p90\":5400,\"mean\":5400}}"));
    assertThat(row)
        .isEqualTo(
            new DashboardResource.ServiceRow(
                "order-api", 2, "99.861 %", "1.0 h", "2 min", "30 s", "1.5 h"));
    DashboardResource.ServiceRow unresolved =
        DashboardResource.ServiceRow.of(
            Http.JSON.readTree(
                "{\"service\":\"pay\",\"incidents\":1,\"impactSeconds\":60,\"availability\":1.0,"
                    + "\"mttd\":{\"n\":0,\"p50\":null},\"mtta\":{\"n\":0,\"p50\":null},"
                    + "\"mttr\":{\"n\":0,\"p50\":null}}"));
    assertThat(unresolved.availability()).isEqualTo("100.000 %");
    assertThat(unresolved.mttr()).isEqualTo("—");
  }

  @Test
  void aDetectionGapSaysWhyInWordsAndCarriesTheSuggestedActionItem() throws Exception {
    DashboardResource.GapRow gap =
        DashboardResource.GapRow.of(
            Http.JSON.readTree(
                "{\"incidentId\":\"i\",\"reference\":\"INC-7\",\"title\":\"Orders fail\","
                    + "\"services\":[\"order-api\",\"cart\"],\"lagSeconds\":1500,"
                    + "\"reasons\":[\"detection_lag\",\"found_by_customers\"],"
                    + "\"suggestedActionItem\":{\"title\":\"Add monitoring for order-api, cart\","
                    + "\"kind\":\"monitoring_alerting\",\"horizon\":\"short\"},"
                    + "\"monitoringActionItems\":1}"));
    assertThat(gap.why())
        .isEqualTo("it was detected 25 min after it occurred; customers found it first");
    assertThat(gap.suggestion()).isEqualTo("Add monitoring for order-api, cart");
    assertThat(gap.services()).isEqualTo("order-api, cart");
    assertThat(gap.monitoringItems()).isEqualTo(1);
  }

  @Test
  void aWeakSpotListsItsEarlierIncidentsOpenAndClosedActionItems() throws Exception {
    DashboardResource.WeakSpot spot =
        DashboardResource.WeakSpot.of(
            Http.JSON.readTree(
                "{\"key\":\"order-api\",\"incidents\":3,\"customerMinutes\":95,\"recurrences\":1,"
                    + "\"earlierIncidents\":[{\"incidentId\":\"a\",\"reference\":\"INC-1\","
                    + "\"title\":\"Pool exhausted\",\"occurredAt\":\"2026-11-02T10:00:00Z\","
                    + "\"openActionItems\":[{\"title\":\"Bound the pool\",\"status\":\"in_progress\","
                    + "\"owner\":\"sam\"}],"
                    + "\"closedActionItems\":[{\"title\":\"Alert on pool\",\"status\":\"done\","
                    + "\"owner\":\"kim\"}]}]}"));
    assertThat(spot.key()).isEqualTo("order-api");
    assertThat(spot.customerMinutes()).isEqualTo(95);
    assertThat(spot.earlier()).hasSize(1);
    DashboardResource.EarlierIncident earlier = spot.earlier().get(0);
    assertThat(earlier.reference()).isEqualTo("INC-1");
    assertThat(earlier.open()).containsExactly("Bound the pool (in progress, sam)");
    assertThat(earlier.closed()).containsExactly("Alert on pool (done, kim)");
  }
}
