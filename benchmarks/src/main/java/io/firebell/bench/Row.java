package io.firebell.bench;

/**
 * One line of the results table.
 *
 * @param scenario which scenario
 * @param measure what was measured
 * @param figure the measured figure, with its unit
 * @param target the target, or "—"
 * @param reference the same-run reference where one applies, or "—"
 * @param verdict {@code met}, {@code MISSED} or {@code info}
 */
public record Row(
    String scenario,
    String measure,
    String figure,
    String target,
    String reference,
    String verdict) {

  public static Row info(String scenario, String measure, String figure) {
    return new Row(scenario, measure, figure, "—", "—", "info");
  }

  public static Row check(
      String scenario, String measure, String figure, String target, boolean met) {
    return new Row(scenario, measure, figure, target, "—", met ? "met" : "MISSED");
  }

  public Row withReference(String ref) {
    return new Row(scenario, measure, figure, target, ref, verdict);
  }
}
