package io.firebell.incident.model;

import java.util.List;

/**
 * A change that may have caused an incident, and why it matched.
 *
 * @param reason {@code same_service}, {@code dependency} or {@code infra_wide}
 * @param path for a dependency, the chain from an affected service to the changed one
 */
public record RollbackCandidate(ChangeEvent change, String reason, List<String> path) {

  public static final String SAME_SERVICE = "same_service";
  public static final String DEPENDENCY = "dependency";
  public static final String INFRA_WIDE = "infra_wide";
}
