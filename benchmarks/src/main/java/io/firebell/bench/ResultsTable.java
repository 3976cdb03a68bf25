package io.firebell.bench;

import java.util.List;

/**
 * The results as a Markdown table — scenario, measure, figure, target, same-run reference, verdict
 * — printed by {@code ./firebell bench} and by a scenario run on its own.
 */
final class ResultsTable {

  private ResultsTable() {}

  static String markdown(List<Row> rows) {
    StringBuilder b = new StringBuilder();
    b.append("| scenario | measure | figure | target | same-run reference | verdict |\n");
    b.append("|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      b.append("| ")
          .append(
              String.join(
                  " | ",
                  r.scenario(),
                  r.measure(),
                  r.figure(),
                  r.target(),
                  r.reference(),
                  r.verdict()))
          .append(" |\n");
    }
    return b.toString();
  }
}
