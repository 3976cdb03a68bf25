package io.firebell.incident.model;

import java.util.Arrays;
import java.util.List;

/** What kind of change a CI/CD, infrastructure or configuration tool reported. */
public enum ChangeKind {
  DEPLOY,
  CONFIG,
  INFRA,
  FEATURE_FLAG,
  /** Not rollback-safe: a schema change usually cannot be undone by redeploying. */
  SCHEMA_MIGRATION,
  BATCH_JOB;

  public String wireName() {
    return name().toLowerCase();
  }

  public static ChangeKind fromWire(String value) {
    return Arrays.stream(values()).filter(k -> k.wireName().equals(value)).findFirst().orElse(null);
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(ChangeKind::wireName).toList();
  }

  public boolean rollbackSafe() {
    return this != SCHEMA_MIGRATION;
  }
}
