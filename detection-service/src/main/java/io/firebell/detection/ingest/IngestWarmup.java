package io.firebell.detection.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.platform.integration.IntegrationAuthenticator;
import io.firebell.platform.security.IntegrationTokens;
import io.firebell.platform.warmup.WarmupStep;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Warms the webhook's own work before the service reports ready (ADR 0141): the integration token
 * lookup (an unknown token, so a database read), reading an Alertmanager payload, validating it,
 * the limits, normalising and routing its alert and encoding the Kafka record, which is not sent.
 * Without it the first webhook after a start took 140–270 ms to be acknowledged instead of 12–22.
 */
@ApplicationScoped
public class IngestWarmup {

  private static final byte[] PAYLOAD =
      ("{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"FirebellWarmup\\\"}\",\"status\":"
              + "\"firing\",\"receiver\":\"firebell\",\"groupLabels\":{\"alertname\":"
              + "\"FirebellWarmup\"},\"commonLabels\":{\"alertname\":\"FirebellWarmup\","
              + "\"severity\":\"critical\"},\"commonAnnotations\":{\"summary\":\"warm-up, never"
              + " sent\"},\"externalURL\":\"http://alertmanager.invalid\",\"alerts\":[{\"status\":"
              + "\"firing\",\"labels\":{\"alertname\":\"FirebellWarmup\",\"severity\":\"critical\","
              + "\"service\":\"firebell-warmup\"},\"annotations\":{\"description\":\"warm-up\"},"
              + "\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\","
              + "\"generatorURL\":\"http://prometheus.invalid/graph\",\"fingerprint\":"
              + "\"f1rebe11\"}]}")
          .getBytes(StandardCharsets.UTF_8);

  @Produces
  @ApplicationScoped
  WarmupStep ingest(
      IntegrationAuthenticator tokens,
      ObjectMapper json,
      Validator validator,
      IngestLimits limits,
      Normalizer normalizer,
      AlertPublisher publisher) {
    return new WarmupStep() {
      @Override
      public String name() {
        return "detection.ingest";
      }

      @Override
      public Uni<?> run() {
        String unknown = IntegrationTokens.PREFIX + "warmup" + UUID.randomUUID();
        return tokens
            .find(unknown)
            .invoke(
                ignored -> {
                  try {
                    WebhookPayload payload = json.readValue(PAYLOAD, WebhookPayload.class);
                    validator.validate(payload);
                    limits.check(payload);
                    payload.alertErrors();
                    publisher.encode(
                        normalizer.webhook(
                            payload, "alertmanager", UUID.randomUUID(), Instant.now()));
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                });
      }
    };
  }
}
