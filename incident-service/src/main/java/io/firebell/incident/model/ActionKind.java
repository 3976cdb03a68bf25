package io.firebell.incident.model;

import java.util.Arrays;
import java.util.List;

/** The recovery playbook, in the order teams usually reach for it. */
public enum ActionKind {
  SCALE_OUT,
  ROLLBACK,
  HOTFIX,
  /**
   * One machine or a whole identical set is swapped for fresh ones; the old are taken out of
   * service rather than terminated, so evidence survives.
   */
  REPLACE,
  /** The instance is taken out of service and kept for evidence, never terminated. */
  ISOLATE,
  /** Database or zone failover. */
  FAILOVER,
  RESTART,
  CONFIG_CHANGE,
  OTHER;

  public String wireName() {
    return name().toLowerCase();
  }

  public static ActionKind fromWire(String value) {
    return Arrays.stream(values()).filter(k -> k.wireName().equals(value)).findFirst().orElse(null);
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(ActionKind::wireName).toList();
  }
}
