package io.firebell.bench;

import java.util.ArrayList;
import java.util.List;

/** The scenarios in the order they run (footprint comes last, after the suite is warm). */
final class Scenarios {

  private Scenarios() {}

  static List<Scenario> extra() {
    List<Scenario> list = new ArrayList<>();
    // Storm and announce before ingest: sustained ingest leaves a grouping backlog behind it
    // (grouping is slower than ingest, docs/benchmarks.md) that would delay the scenarios after it.
    list.add(new StormCollapse());
    list.add(new TimeToAnnounce());
    list.add(new FanOutBenchmark());
    list.add(new IngestBenchmark());
    // The console's pages with 1,000 incidents (declares what is missing).
    list.add(new ConsolePages());
    return list;
  }
}
