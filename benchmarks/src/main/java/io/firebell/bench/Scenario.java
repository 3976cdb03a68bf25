package io.firebell.bench;

import java.util.List;

/** One benchmark scenario: runs against the live suite and returns its lines of the table. */
public interface Scenario {

  /** Short name, used with {@code --only}. */
  String name();

  List<Row> run(BenchContext context) throws Exception;
}
