package io.firebell.incident.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each way a detection signal reads as a traffic surge (the recovery playbook's first question),
 * and signals that do not: {@link TrafficSignal#of}, without Quarkus.
 */
class TrafficSignalTest {

  @Test
  void theMonitoringRulesOwnLabelSaysSo() {
    assertThat(TrafficSignal.of("system", Map.of("firebell_signal", "traffic_surge"), null))
        .isEqualTo("label firebell_signal=traffic_surge");
    assertThat(TrafficSignal.of("system", Map.of("firebell_signal", "traffic"), null))
        .isEqualTo("label firebell_signal=traffic");
  }

  @Test
  void aBusinessMetricSpikeIsASurgeAndADropIsNot() {
    // the labels detection-service's metric watches put on their alerts (MetricAlerts)
    assertThat(
            TrafficSignal.of(
                "business",
                Map.of(
                    "alertname",
                    "orders-per-minute",
                    "metric",
                    "orders_per_minute",
                    "rule",
                    "spike"),
                "orders-per-minute: 412 against a baseline of 130"))
        .isEqualTo("business-metric spike of orders_per_minute");
    assertThat(TrafficSignal.of("business", Map.of("rule", "spike"), null))
        .isEqualTo("business-metric spike");
    assertThat(
            TrafficSignal.of(
                "business",
                Map.of(
                    "alertname",
                    "orders-per-minute",
                    "metric",
                    "orders_per_minute",
                    "rule",
                    "drop"),
                "orders-per-minute: 40 against a baseline of 130"))
        .isNull();
    // a spike rule of a system alarm is not a business metric's
    assertThat(TrafficSignal.of("system", Map.of("rule", "spike"), null)).isNull();
  }

  @Test
  void anAlertNameThatNamesTrafficIsASurge() {
    // Prometheus names are CamelCase; others snake or kebab case
    assertThat(TrafficSignal.of("system", Map.of("alertname", "OrderApiTrafficSurge"), null))
        .isEqualTo("alert OrderApiTrafficSurge");
    assertThat(TrafficSignal.of("system", Map.of("alertname", "HighRPS"), null))
        .isEqualTo("alert HighRPS");
    assertThat(TrafficSignal.of("system", Map.of("alertname", "QPSAboveNormal"), null))
        .isEqualTo("alert QPSAboveNormal");
    assertThat(TrafficSignal.of("system", Map.of("alertname", "order_api_traffic_high"), null))
        .isEqualTo("alert order_api_traffic_high");
    assertThat(
            TrafficSignal.of("system", Map.of("alertname", "checkout-requests-per-second"), null))
        .isEqualTo("alert checkout-requests-per-second");
    // a word inside a name's word is not the word
    assertThat(TrafficSignal.of("system", Map.of("alertname", "TrafficlightControllerDown"), null))
        .isNull();
  }

  @Test
  void aSummaryThatSpeaksOfTrafficIsASurge() {
    assertThat(
            TrafficSignal.of(
                "system",
                Map.of("alertname", "OrderApiHighLatency"),
                "order-api request rate 5x normal"))
        .isEqualTo("signal: order-api request rate 5x normal");
    assertThat(
            TrafficSignal.of(
                "partner_report", Map.of(), "Partner reports a spike in orders from one campaign"))
        .isEqualTo("signal: Partner reports a spike in orders from one campaign");
  }

  @Test
  void aSignalThatIsNotASurgeSaysNothing() {
    assertThat(
            TrafficSignal.of(
                "system",
                Map.of("alertname", "OrderApiHighLatency", "firebell_signal", "latency"),
                "order-api p99 latency 4.8 s (threshold 2 s) on POST /v1/orders"))
        .isNull();
    assertThat(TrafficSignal.of("system", Map.of(), null)).isNull();
    // a word inside another word is not the word: "trafficking", "surgeon"
    assertThat(TrafficSignal.of("cs_inquiry", Map.of(), "Surgeon booking page fails")).isNull();
  }
}
