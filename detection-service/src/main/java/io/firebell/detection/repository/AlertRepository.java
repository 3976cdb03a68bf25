package io.firebell.detection.repository;

import io.firebell.detection.model.Alert;
import io.firebell.detection.model.AlertStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<Alert, UUID> {

  /** What a group's alerts add up to: how many have resolved, how often they were received. */
  public record Tally(int resolved, long receives) {

    /** The tally of alerts already loaded: all of a group's, or it is not the group's tally. */
    public static Tally of(List<Alert> all) {
      int resolved = (int) all.stream().filter(a -> a.getStatus() == AlertStatus.RESOLVED).count();
      return new Tally(resolved, all.stream().mapToLong(Alert::getReceiveCount).sum());
    }
  }

  /** A group's alerts, all of them, in the order they were first received. */
  public Uni<List<Alert>> ofGroup(UUID groupId) {
    return find("alertGroupId", Sort.ascending("firstReceivedAt"), groupId).list();
  }

  /**
   * A group's first {@code max} alerts in the order the triage list shows them: firing first, most
   * re-sent first, latest received first. PostgreSQL sorts and cuts, so a storm's group of
   * thousands of alerts sends only these rows.
   */
  public Uni<List<Alert>> firstOfGroup(UUID groupId, int max) {
    if (max == 0) {
      return Uni.createFrom().item(List.of());
    }
    return find(
            "alertGroupId = ?1 order by case when status = ?2 then 0 else 1 end,"
                + " receiveCount desc, lastReceivedAt desc, summary, id",
            groupId,
            AlertStatus.FIRING)
        .page(0, max)
        .list();
  }

  /** The {@link Tally} of all of a group's alerts, counted by PostgreSQL. */
  public Uni<Tally> tally(UUID groupId) {
    return Panache.getSession()
        .chain(
            s ->
                s.createSelectionQuery(
                        "select count(a) filter (where a.status = :resolved),"
                            + " coalesce(sum(a.receiveCount), 0) from Alert a"
                            + " where a.alertGroupId = :group",
                        Object[].class)
                    .setParameter("resolved", AlertStatus.RESOLVED)
                    .setParameter("group", groupId)
                    .getSingleResult())
        .map(row -> new Tally(((Number) row[0]).intValue(), ((Number) row[1]).longValue()));
  }
}
