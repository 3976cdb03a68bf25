package io.firebell.contracts;

import io.firebell.contracts.broadcast.DeliveryExhausted;
import io.firebell.contracts.broadcast.DeliveryFailed;
import io.firebell.contracts.broadcast.DeliverySucceeded;
import io.firebell.contracts.broadcast.UpdatePublished;
import io.firebell.contracts.detection.AlertBatchReceived;
import io.firebell.contracts.detection.AlertGroupDismissed;
import io.firebell.contracts.detection.AlertGroupOpened;
import io.firebell.contracts.detection.AlertGroupResolved;
import io.firebell.contracts.detection.AlertGroupUpdated;
import io.firebell.contracts.detection.AlertReceived;
import io.firebell.contracts.detection.DeclarationRequested;
import io.firebell.contracts.detection.InquiryClusterOpened;
import io.firebell.contracts.detection.PageAcknowledged;
import io.firebell.contracts.detection.PageEscalated;
import io.firebell.contracts.detection.PageSent;
import io.firebell.contracts.incident.IncidentActionRecorded;
import io.firebell.contracts.incident.IncidentClosed;
import io.firebell.contracts.incident.IncidentDeclared;
import io.firebell.contracts.incident.IncidentNoteAdded;
import io.firebell.contracts.incident.IncidentParticipantJoined;
import io.firebell.contracts.incident.IncidentResolved;
import io.firebell.contracts.incident.IncidentRoleAssigned;
import io.firebell.contracts.incident.IncidentStatusChanged;
import io.firebell.contracts.incident.IncidentUpdated;
import io.firebell.contracts.review.ActionItemCreated;
import io.firebell.contracts.review.ActionItemOverdue;
import io.firebell.contracts.review.RecurrenceDetected;
import io.firebell.contracts.review.ReportDrafted;
import io.firebell.contracts.review.ReportPublished;
import io.firebell.contracts.review.ReviewCancelled;
import io.firebell.contracts.review.ReviewRescheduled;
import io.firebell.contracts.review.ReviewScheduled;
import java.util.List;
import java.util.Optional;

/**
 * Every event type of the suite. A change to an event is additive; a breaking change is a new type.
 * docs/events.md describes who produces and consumes each.
 */
public final class EventTypes {

  // detection-service's internal topic

  public static final EventType<AlertReceived> ALERT_RECEIVED =
      new EventType<>("io.firebell.alert.received.v1", Topics.ALERTS, AlertReceived.class);

  public static final EventType<AlertBatchReceived> ALERT_BATCH_RECEIVED =
      new EventType<>(
          "io.firebell.alert-batch.received.v1", Topics.ALERTS, AlertBatchReceived.class);

  // detection-service

  public static final EventType<AlertGroupOpened> ALERT_GROUP_OPENED =
      new EventType<>(
          "io.firebell.alert-group.opened.v1", Topics.DETECTION, AlertGroupOpened.class);

  public static final EventType<AlertGroupUpdated> ALERT_GROUP_UPDATED =
      new EventType<>(
          "io.firebell.alert-group.updated.v1", Topics.DETECTION, AlertGroupUpdated.class);

  public static final EventType<AlertGroupResolved> ALERT_GROUP_RESOLVED =
      new EventType<>(
          "io.firebell.alert-group.resolved.v1", Topics.DETECTION, AlertGroupResolved.class);

  public static final EventType<AlertGroupDismissed> ALERT_GROUP_DISMISSED =
      new EventType<>(
          "io.firebell.alert-group.dismissed.v1", Topics.DETECTION, AlertGroupDismissed.class);

  public static final EventType<DeclarationRequested> DECLARATION_REQUESTED =
      new EventType<>(
          "io.firebell.alert-group.declaration-requested.v1",
          Topics.DETECTION,
          DeclarationRequested.class);

  public static final EventType<PageSent> PAGE_SENT =
      new EventType<>("io.firebell.page.sent.v1", Topics.DETECTION, PageSent.class);

  public static final EventType<PageAcknowledged> PAGE_ACKNOWLEDGED =
      new EventType<>("io.firebell.page.acknowledged.v1", Topics.DETECTION, PageAcknowledged.class);

  public static final EventType<PageEscalated> PAGE_ESCALATED =
      new EventType<>("io.firebell.page.escalated.v1", Topics.DETECTION, PageEscalated.class);

  public static final EventType<InquiryClusterOpened> INQUIRY_CLUSTER_OPENED =
      new EventType<>(
          "io.firebell.inquiry-cluster.opened.v1", Topics.DETECTION, InquiryClusterOpened.class);

  // incident-service

  public static final EventType<IncidentDeclared> INCIDENT_DECLARED =
      new EventType<>("io.firebell.incident.declared.v1", Topics.INCIDENTS, IncidentDeclared.class);

  public static final EventType<IncidentUpdated> INCIDENT_UPDATED =
      new EventType<>("io.firebell.incident.updated.v1", Topics.INCIDENTS, IncidentUpdated.class);

  public static final EventType<IncidentStatusChanged> INCIDENT_STATUS_CHANGED =
      new EventType<>(
          "io.firebell.incident.status-changed.v1", Topics.INCIDENTS, IncidentStatusChanged.class);

  public static final EventType<IncidentRoleAssigned> INCIDENT_ROLE_ASSIGNED =
      new EventType<>(
          "io.firebell.incident.role-assigned.v1", Topics.INCIDENTS, IncidentRoleAssigned.class);

  public static final EventType<IncidentParticipantJoined> INCIDENT_PARTICIPANT_JOINED =
      new EventType<>(
          "io.firebell.incident.participant-joined.v1",
          Topics.INCIDENTS,
          IncidentParticipantJoined.class);

  public static final EventType<IncidentNoteAdded> INCIDENT_NOTE_ADDED =
      new EventType<>(
          "io.firebell.incident.note-added.v1", Topics.INCIDENTS, IncidentNoteAdded.class);

  public static final EventType<IncidentActionRecorded> INCIDENT_ACTION_RECORDED =
      new EventType<>(
          "io.firebell.incident.action-recorded.v1",
          Topics.INCIDENTS,
          IncidentActionRecorded.class);

  public static final EventType<IncidentResolved> INCIDENT_RESOLVED =
      new EventType<>("io.firebell.incident.resolved.v1", Topics.INCIDENTS, IncidentResolved.class);

  public static final EventType<IncidentClosed> INCIDENT_CLOSED =
      new EventType<>("io.firebell.incident.closed.v1", Topics.INCIDENTS, IncidentClosed.class);

  // broadcast-service

  public static final EventType<UpdatePublished> UPDATE_PUBLISHED =
      new EventType<>("io.firebell.update.published.v1", Topics.BROADCASTS, UpdatePublished.class);

  public static final EventType<DeliverySucceeded> DELIVERY_SUCCEEDED =
      new EventType<>(
          "io.firebell.delivery.succeeded.v1", Topics.BROADCASTS, DeliverySucceeded.class);

  public static final EventType<DeliveryFailed> DELIVERY_FAILED =
      new EventType<>("io.firebell.delivery.failed.v1", Topics.BROADCASTS, DeliveryFailed.class);

  public static final EventType<DeliveryExhausted> DELIVERY_EXHAUSTED =
      new EventType<>(
          "io.firebell.delivery.exhausted.v1", Topics.BROADCASTS, DeliveryExhausted.class);

  // review-service

  public static final EventType<ReportDrafted> REPORT_DRAFTED =
      new EventType<>("io.firebell.report.drafted.v1", Topics.REVIEWS, ReportDrafted.class);

  public static final EventType<ReportPublished> REPORT_PUBLISHED =
      new EventType<>("io.firebell.report.published.v1", Topics.REVIEWS, ReportPublished.class);

  public static final EventType<ReviewScheduled> REVIEW_SCHEDULED =
      new EventType<>("io.firebell.review.scheduled.v1", Topics.REVIEWS, ReviewScheduled.class);

  public static final EventType<ReviewRescheduled> REVIEW_RESCHEDULED =
      new EventType<>("io.firebell.review.rescheduled.v1", Topics.REVIEWS, ReviewRescheduled.class);

  public static final EventType<ReviewCancelled> REVIEW_CANCELLED =
      new EventType<>("io.firebell.review.cancelled.v1", Topics.REVIEWS, ReviewCancelled.class);

  public static final EventType<ActionItemCreated> ACTION_ITEM_CREATED =
      new EventType<>(
          "io.firebell.action-item.created.v1", Topics.REVIEWS, ActionItemCreated.class);

  public static final EventType<ActionItemOverdue> ACTION_ITEM_OVERDUE =
      new EventType<>(
          "io.firebell.action-item.overdue.v1", Topics.REVIEWS, ActionItemOverdue.class);

  public static final EventType<RecurrenceDetected> RECURRENCE_DETECTED =
      new EventType<>(
          "io.firebell.recurrence.detected.v1", Topics.REVIEWS, RecurrenceDetected.class);

  private static final List<EventType<?>> ALL =
      List.of(
          ALERT_RECEIVED,
          ALERT_BATCH_RECEIVED,
          ALERT_GROUP_OPENED,
          ALERT_GROUP_UPDATED,
          ALERT_GROUP_RESOLVED,
          ALERT_GROUP_DISMISSED,
          DECLARATION_REQUESTED,
          PAGE_SENT,
          PAGE_ACKNOWLEDGED,
          PAGE_ESCALATED,
          INQUIRY_CLUSTER_OPENED,
          INCIDENT_DECLARED,
          INCIDENT_UPDATED,
          INCIDENT_STATUS_CHANGED,
          INCIDENT_ROLE_ASSIGNED,
          INCIDENT_PARTICIPANT_JOINED,
          INCIDENT_NOTE_ADDED,
          INCIDENT_ACTION_RECORDED,
          INCIDENT_RESOLVED,
          INCIDENT_CLOSED,
          UPDATE_PUBLISHED,
          DELIVERY_SUCCEEDED,
          DELIVERY_FAILED,
          DELIVERY_EXHAUSTED,
          REPORT_DRAFTED,
          REPORT_PUBLISHED,
          REVIEW_SCHEDULED,
          REVIEW_RESCHEDULED,
          REVIEW_CANCELLED,
          ACTION_ITEM_CREATED,
          ACTION_ITEM_OVERDUE,
          RECURRENCE_DETECTED);

  private EventTypes() {}

  /** Every event type, grouped by topic in the order of {@link Topics#ALL}. */
  public static List<EventType<?>> all() {
    return ALL;
  }

  public static Optional<EventType<?>> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The event types that travel on one topic, e.g. for a consumer's dispatch table. */
  public static List<EventType<?>> onTopic(String topic) {
    String carrying = Topics.carrying(topic);
    return ALL.stream().filter(t -> t.topic().equals(carrying)).toList();
  }

  /** The event type whose data is this record class. */
  @SuppressWarnings("unchecked")
  public static <T extends FirebellEvent> EventType<T> of(Class<T> dataClass) {
    return (EventType<T>)
        ALL.stream()
            .filter(t -> t.dataClass().equals(dataClass))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "not an event of the catalog: " + dataClass.getName()));
  }
}
