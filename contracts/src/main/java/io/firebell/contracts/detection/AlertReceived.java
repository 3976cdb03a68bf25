package io.firebell.contracts.detection;

import io.firebell.contracts.Copies;
import io.firebell.contracts.FirebellEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One normalized alert, exactly once per accepted alert in an ingest request, on detection's
 * internal topic {@code firebell.alerts.v1}. Ingest acknowledges the monitoring tool only after
 * this record is durable ({@code acks=all}); the grouping consumer turns it into alert groups.
 *
 * <p><b>Record key:</b> unlike the other events, the key (and {@link #aggregateId()}) is the {@link
 * #routeKey()}, not the alert id, so that every alert of one future alert group lands on the same
 * partition and one consumer instance owns the group.
 *
 * @param alertId the id ingest gave this alert
 * @param integrationId the integration (and token) that sent it
 * @param sourceKind {@code alertmanager}, {@code grafana}, {@code pagerduty}, {@code datadog},
 *     {@code native}, {@code cs_inquiry} or {@code business_metric} (a metric watch's alert)
 * @param dedupKey the source's identity of the alert, stable across re-sends: Alertmanager/Grafana
 *     {@code fingerprint}, PagerDuty {@code dedup_key}, Datadog {@code $ALERT_CYCLE_KEY}, the
 *     native format's id, or the inquiry cluster id; never blank
 * @param status {@code firing} or {@code resolved}; {@code acknowledged} only from a PagerDuty
 *     {@code acknowledge} event
 * @param signalKind from the matching route: {@code system}, {@code business}, {@code
 *     external_integration} or {@code cs_inquiry}
 * @param severity normalized: {@code critical}, {@code error}, {@code warning} or {@code info}
 * @param domain the owning domain (e.g. {@code order}), from the matching route
 * @param service the affected service, or null when neither labels nor route name one
 * @param partner the external partner for {@code external_integration} signals, otherwise null
 * @param routeId the routing rule that matched (the catch-all route when no other did)
 * @param routeKey the route plus its group-by label values; one open alert group per route key
 * @param labels the alert's labels as sent (PagerDuty and Datadog fields are mapped to labels)
 * @param annotations the alert's annotations as sent (summary, description, runbook_url…)
 * @param summary a one-line human summary
 * @param startsAt when the condition started, per the source
 * @param endsAt when it ended; null while firing (Alertmanager's {@code 0001-01-01T00:00:00Z})
 * @param generatorUrl link back to the source (rule, graph, monitor), or null
 * @param links further source links by name ({@code dashboard}, {@code panel}, {@code silence},
 *     {@code runbook}…), possibly empty
 * @param details source-specific extras kept as JSON values (Grafana {@code values}, PagerDuty
 *     {@code custom_details}, Alertmanager {@code groupKey}…), possibly empty
 * @param receivedAt when ingest accepted it
 */
public record AlertReceived(
    UUID alertId,
    UUID integrationId,
    String sourceKind,
    String dedupKey,
    String status,
    String signalKind,
    String severity,
    String domain,
    String service,
    String partner,
    UUID routeId,
    String routeKey,
    Map<String, String> labels,
    Map<String, String> annotations,
    String summary,
    Instant startsAt,
    Instant endsAt,
    String generatorUrl,
    Map<String, String> links,
    Map<String, Object> details,
    Instant receivedAt)
    implements FirebellEvent {

  public AlertReceived {
    labels = Copies.map(labels);
    annotations = Copies.map(annotations);
    links = Copies.map(links);
    details = Copies.map(details);
  }

  @Override
  public String aggregateId() {
    return routeKey;
  }
}
