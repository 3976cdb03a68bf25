package io.firebell.detection.oncall;

import io.firebell.detection.model.Schedule;
import io.firebell.detection.model.ScheduleOverride;
import io.firebell.detection.repository.ScheduleOverrideRepository;
import io.firebell.detection.repository.ScheduleRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Who is on call on a schedule at an instant: the latest override covering it, else the rotation.
 */
@ApplicationScoped
public class OnCallService {

  private final ScheduleRepository schedules;
  private final ScheduleOverrideRepository overrides;

  public OnCallService(ScheduleRepository schedules, ScheduleOverrideRepository overrides) {
    this.schedules = schedules;
    this.overrides = overrides;
  }

  public record OnCall(UUID scheduleId, String scheduleName, String person, UUID overrideId) {}

  /** Call within a session. Null when the schedule does not exist. */
  public Uni<OnCall> onCall(UUID scheduleId, Instant at) {
    return schedules
        .findById(scheduleId)
        .chain(
            schedule -> {
              if (schedule == null) {
                return Uni.createFrom().nullItem();
              }
              return onCall(schedule, at);
            });
  }

  public Uni<OnCall> onCall(Schedule schedule, Instant at) {
    return overrides
        .find(
            "scheduleId = ?1 and startsAt <= ?2 and endsAt > ?2",
            Sort.descending("createdAt"),
            schedule.getId(),
            at)
        .firstResult()
        .map(
            (ScheduleOverride o) ->
                o != null
                    ? new OnCall(schedule.getId(), schedule.getName(), o.getPerson(), o.getId())
                    : new OnCall(
                        schedule.getId(), schedule.getName(), schedule.rotationMemberAt(at), null));
  }
}
