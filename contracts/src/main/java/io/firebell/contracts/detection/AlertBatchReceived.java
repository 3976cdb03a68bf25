package io.firebell.contracts.detection;

import io.firebell.contracts.Copies;
import io.firebell.contracts.FirebellEvent;
import java.util.List;

/**
 * The alerts of one ingest request that share a route key, in the order the tool sent them, as one
 * record on detection's internal topic {@code firebell.alerts.v1} (ADR 0105). Ingest produces one
 * such record per route key of a request, instead of one record per alert, and acknowledges the
 * tool only after every record of the request is durable ({@code acks=all}); the grouping consumer
 * applies the alerts as if each had come alone, in order.
 *
 * <p><b>Record key:</b> the {@link #routeKey()}, as for {@link AlertReceived}: every alert of one
 * future alert group lands on the same partition.
 *
 * @param routeKey the route key every alert of the batch has
 * @param alerts one or more alerts, each exactly as {@link AlertReceived} describes it, all with
 *     this route key
 */
public record AlertBatchReceived(String routeKey, List<AlertReceived> alerts)
    implements FirebellEvent {

  public AlertBatchReceived {
    alerts = Copies.list(alerts);
  }

  @Override
  public String aggregateId() {
    return routeKey;
  }
}
