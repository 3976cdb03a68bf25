package io.firebell.platform.health;

import io.smallrye.health.SmallRyeHealth;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The last evaluation of each health group, as the probe port answers it (ADR 0147): the answer of
 * the last evaluation that completed, or DOWN when none completed within {@code maxAgeNanos} (the
 * checks hang: a wedged process must not look healthy), when none completed yet, or once the
 * service is stopping.
 */
final class ProbeAnswers {

  /** The groups Kubernetes probes, by the last segment of their path. */
  enum Group {
    LIVE("live"),
    READY("ready"),
    STARTED("started");

    final String path;

    Group(String path) {
      this.path = path;
    }

    static Group of(String path) {
      for (Group g : values()) {
        if (g.path.equals(path)) {
          return g;
        }
      }
      return null;
    }
  }

  /** What the probe port sends: 200 for UP, 503 for DOWN, and the JSON SmallRye Health writes. */
  record Answer(int status, byte[] body) {

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private record Evaluation(boolean up, byte[] body, long atNanos) {}

  private final long maxAgeNanos;
  private final LongSupplier clock;
  private final Map<Group, Evaluation> last = new EnumMap<>(Group.class);
  private volatile boolean stopping;

  ProbeAnswers(long maxAgeNanos, LongSupplier clock) {
    this.maxAgeNanos = maxAgeNanos;
    this.clock = clock;
  }

  /** Remembers a completed evaluation of {@code group}. */
  synchronized void evaluated(Group group, SmallRyeHealth health) {
    last.put(
        group,
        new Evaluation(
            !health.isDown(),
            json(health.getPayload()).getBytes(StandardCharsets.UTF_8),
            clock.getAsLong()));
  }

  /** Remembers an evaluation of {@code group} that failed (its checks threw or timed out). */
  synchronized void failed(Group group, String why) {
    last.put(
        group, new Evaluation(false, down("health evaluation failed", why), clock.getAsLong()));
  }

  /** From now on readiness is DOWN: the service is stopping. */
  void stopping() {
    stopping = true;
  }

  synchronized Answer answer(Group group) {
    if (stopping && group == Group.READY) {
      return new Answer(503, down("service stopping", "SIGTERM received"));
    }
    Evaluation e = last.get(group);
    if (e == null) {
      return new Answer(503, down("health not evaluated yet", "starting"));
    }
    long ageMs = (clock.getAsLong() - e.atNanos) / 1_000_000;
    if (ageMs * 1_000_000 > maxAgeNanos) {
      return new Answer(
          503, down("health evaluation overdue", "last completed " + ageMs + " ms ago"));
    }
    return new Answer(e.up ? 200 : 503, e.body);
  }

  private static byte[] down(String check, String detail) {
    JsonObject body =
        Json.createObjectBuilder()
            .add("status", "DOWN")
            .add(
                "checks",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("name", check)
                            .add("status", "DOWN")
                            .add("data", Json.createObjectBuilder().add("detail", detail))))
            .build();
    return json(body).getBytes(StandardCharsets.UTF_8);
  }

  private static String json(JsonObject o) {
    StringWriter out = new StringWriter();
    try (var writer = Json.createWriter(out)) {
      writer.writeObject(o);
    }
    return out.toString();
  }
}
