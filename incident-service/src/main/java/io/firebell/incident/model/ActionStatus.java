package io.firebell.incident.model;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A recovery action's progress: planned → in_progress → done or failed. */
public enum ActionStatus {
  PLANNED,
  IN_PROGRESS,
  DONE,
  FAILED;

  public String wireName() {
    return name().toLowerCase();
  }

  public static ActionStatus fromWire(String value) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst().orElse(null);
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(ActionStatus::wireName).toList();
  }

  public Set<ActionStatus> next() {
    return switch (this) {
      case PLANNED -> EnumSet.of(IN_PROGRESS, DONE, FAILED);
      case IN_PROGRESS -> EnumSet.of(DONE, FAILED);
      case DONE, FAILED -> EnumSet.noneOf(ActionStatus.class);
    };
  }

  /** Whether an action in this status is being (or has been) applied to production. */
  public boolean applies() {
    return this == IN_PROGRESS || this == DONE;
  }
}
