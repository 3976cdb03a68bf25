package io.firebell.detection.model;

import java.util.List;
import java.util.Objects;

/**
 * The seasonal baseline of a business metric: the median of its values at the same time of day,
 * same weekday, in the previous N weeks. Same weekday and time, so a Sunday evening is compared
 * with earlier Sunday evenings and a quiet hour with earlier quiet hours; the median, so that one
 * odd week (a holiday, an earlier incident) does not move it (ADR 0120).
 */
public final class SeasonalBaseline {

  private SeasonalBaseline() {}

  /**
   * The median of the weeks that have a value, or null when fewer than {@code minWeeks} do.
   *
   * @param history the values 1…N weeks before, null where the source had none
   */
  public static Double median(List<Double> history, int minWeeks) {
    List<Double> known = history.stream().filter(Objects::nonNull).sorted().toList();
    if (known.isEmpty() || known.size() < minWeeks) {
      return null;
    }
    int n = known.size();
    return n % 2 == 1 ? known.get(n / 2) : (known.get(n / 2 - 1) + known.get(n / 2)) / 2;
  }
}
