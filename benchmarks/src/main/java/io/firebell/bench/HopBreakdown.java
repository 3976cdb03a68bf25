package io.firebell.bench;

import io.firebell.client.TraceReceiver.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;

/**
 * Where a fire alarm's time goes, hop by hop, from the services' own spans of each probe's trace
 * (ADR 0140): each hop is the time between two span boundaries of one trace, e.g. from the relay's
 * broker acknowledgement of {@code declaration-requested} to incident-service's consume of it. A
 * hop whose spans a trace lacks (a declaration by a person has no ingest or grouping) is not
 * counted for that trace.
 */
final class HopBreakdown {

  private static final String DECLARATION_REQUESTED =
      "io.firebell.alert-group.declaration-requested.v1";
  private static final String INCIDENT_DECLARED = "io.firebell.incident.declared.v1";

  /** The spans of one trace that bound the hops (null: absent). */
  record Milestones(
      Span request,
      Span produce,
      Span group,
      Span declarationAppend,
      Span declarationPublish,
      Span declare,
      Span declaredAppend,
      Span declaredPublish,
      Span fireAlarm,
      Span delivery) {

    static Milestones of(List<Span> trace) {
      Map<String, Span> byId = new LinkedHashMap<>();
      trace.forEach(s -> byId.put(s.spanId(), s));
      Span request =
          first(trace, s -> s.kind().endsWith("SERVER") && !byId.containsKey(s.parentSpanId()));
      Span declarationPublish =
          first(
              trace,
              s ->
                  s.name().equals("publish firebell.detection.v1")
                      && DECLARATION_REQUESTED.equals(
                          s.attributes().get("cloudevents.event_type")));
      Span declaredPublish =
          first(
              trace,
              s ->
                  s.name().equals("publish firebell.incidents.v1")
                      && INCIDENT_DECLARED.equals(s.attributes().get("cloudevents.event_type")));
      return new Milestones(
          request,
          first(trace, s -> s.name().equals("publish firebell.alerts.v1")),
          first(trace, s -> s.name().startsWith("process firebell.alerts.")),
          declarationPublish == null ? null : byId.get(declarationPublish.parentSpanId()),
          declarationPublish,
          first(
              trace,
              s ->
                  s.name().equals("process firebell.detection.v1")
                      && s.service().contains("incident")
                      && DECLARATION_REQUESTED.equals(
                          s.attributes().get("cloudevents.event_type"))),
          declaredPublish == null ? null : byId.get(declaredPublish.parentSpanId()),
          declaredPublish,
          first(
              trace,
              s ->
                  s.name().equals("process firebell.incidents.v1")
                      && s.service().contains("broadcast")
                      && INCIDENT_DECLARED.equals(s.attributes().get("cloudevents.event_type"))),
          first(trace, s -> s.kind().endsWith("CLIENT") && s.service().contains("broadcast")));
    }

    /**
     * Whether the spans of every hop arrived: the request, incident-service's announcement, its
     * fire alarm and the receiver's HTTP call, and for an alert (a trace with an ingest produce)
     * its grouping and declaration too. Services export on their own schedules, so the delivery's
     * span can arrive before an earlier hop's.
     */
    boolean complete() {
      boolean announced =
          request != null && declaredPublish != null && fireAlarm != null && delivery != null;
      return announced
          && (produce == null || (group != null && declarationPublish != null && declare != null));
    }
  }

  /** A hop: its name and its duration in a trace, in nanoseconds (null when not measurable). */
  private record Hop(String name, java.util.function.Function<Milestones, Long> nanos) {}

  private static final List<Hop> HOPS =
      List.of(
          new Hop("request (received → answered)", m -> length(m.request())),
          new Hop(
              "alerts topic (acknowledged → polled by grouping)",
              m -> between(end(m.produce()), start(m.group()))),
          new Hop("grouping (polled → committed)", m -> length(m.group())),
          new Hop(
              "detection outbox → Kafka (appended → relay acknowledged)",
              m -> between(end(m.declarationAppend()), end(m.declarationPublish()))),
          new Hop(
              "Kafka → incident-service (acknowledged → consumed)",
              m -> between(end(m.declarationPublish()), start(m.declare()))),
          new Hop("declare (consumed → committed)", m -> length(m.declare())),
          new Hop(
              "incident outbox → Kafka (appended → relay acknowledged)",
              m -> between(end(m.declaredAppend()), end(m.declaredPublish()))),
          new Hop(
              "Kafka → broadcast-service (acknowledged → consumed)",
              m -> between(end(m.declaredPublish()), start(m.fireAlarm()))),
          new Hop("fire alarm queued (consumed → committed)", m -> length(m.fireAlarm())),
          new Hop(
              "delivery queue (committed → HTTP call)",
              m -> between(end(m.fireAlarm()), start(m.delivery()))),
          new Hop("HTTP delivery (call → answer)", m -> length(m.delivery())),
          new Hop(
              "whole trace (request received → delivery answered)",
              m -> between(start(m.request()), end(m.delivery()))));

  private final Map<String, Histogram> hops = new LinkedHashMap<>();
  private int traces;
  private int complete;

  /** Adds one trace's hops. */
  void add(List<Span> trace) {
    if (trace.isEmpty()) {
      return;
    }
    traces++;
    Milestones m = Milestones.of(trace);
    if (m.complete()) {
      complete++;
    }
    for (Hop hop : HOPS) {
      Long nanos = hop.nanos().apply(m);
      if (nanos != null) {
        hops.computeIfAbsent(hop.name(), k -> new Histogram(3_600_000_000L, 3))
            .recordValue(Math.max(0, nanos / 1_000));
      }
    }
  }

  int traces() {
    return traces;
  }

  int complete() {
    return complete;
  }

  /** One row per hop: p50 / p99 (max) in milliseconds, over the traces that had it. */
  List<Row> rows(String scenario) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Histogram> e : hops.entrySet()) {
      Histogram h = e.getValue();
      rows.add(
          Row.info(
              scenario,
              "hop: " + e.getKey() + ", p50 / p99 (n=" + h.getTotalCount() + ")",
              String.format(
                  "%s / %s ms (max %s)",
                  ms(h.getValueAtPercentile(50)),
                  ms(h.getValueAtPercentile(99)),
                  ms(h.getMaxValue()))));
    }
    return rows;
  }

  private static String ms(long micros) {
    return micros < 10_000
        ? String.format("%.1f", micros / 1000.0)
        : String.format("%,d", Math.round(micros / 1000.0));
  }

  private static Span first(List<Span> trace, Predicate<Span> match) {
    Span found = null;
    for (Span s : trace) {
      if (match.test(s) && (found == null || s.startNanos() < found.startNanos())) {
        found = s;
      }
    }
    return found;
  }

  private static Long length(Span s) {
    return s == null ? null : s.endNanos() - s.startNanos();
  }

  private static Long start(Span s) {
    return s == null ? null : s.startNanos();
  }

  private static Long end(Span s) {
    return s == null ? null : s.endNanos();
  }

  private static Long between(Long from, Long to) {
    return from == null || to == null ? null : to - from;
  }
}
