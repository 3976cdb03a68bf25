package io.firebell.bench;

import java.util.ArrayList;
import java.util.List;

/** The scenarios in the order they run (footprint comes last, after the suite is warm). */
final class Scenarios {

  private Scenarios() {}

  static List<Scenario> extra() {
    List<Scenario> list = new ArrayList<>();
    list.add(new StormCollapse());
    list.add(new TimeToAnnounce());
    return list;
  }
}
