package io.firebell.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code config/components.tsv}: how a component of the suite starts — the same rows
 * {@code ./firebell up} starts the local suite from (its header says what each column means).
 *
 * @param name e.g. {@code detection-worker}
 * @param module the Maven module whose application it runs
 * @param port its HTTP port under {@code ./firebell up}
 * @param jar the packaged application inside the module
 * @param environment what makes the component what it is (e.g. grouping on or off)
 * @param nice the CPU priority {@code ./firebell up} starts it at (ADR 0154); the system tests
 *     start every component at the default priority
 * @param javaOptions its JVM options
 */
record Component(
    String name,
    String module,
    int port,
    String jar,
    Map<String, String> environment,
    int nice,
    List<String> javaOptions) {

  static final Path FILE = SuiteProcesses.ROOT.resolve("config/components.tsv");

  /** The components of {@link #FILE} by name, in file order. */
  static Map<String, Component> all() throws IOException {
    Map<String, Component> all = new LinkedHashMap<>();
    for (String line : Files.readAllLines(FILE)) {
      String row = line.strip();
      if (row.isEmpty() || row.startsWith("#")) {
        continue;
      }
      Component c = parse(row);
      if (all.putIfAbsent(c.name(), c) != null) {
        throw new IllegalStateException(FILE + ": " + c.name() + " appears twice");
      }
    }
    return all;
  }

  static Component named(String name) throws IOException {
    Component c = all().get(name);
    if (c == null) {
      throw new IllegalArgumentException(FILE + " has no component " + name);
    }
    return c;
  }

  private static Component parse(String row) {
    String[] cols = row.split("\t+");
    if (cols.length != 7) {
      throw new IllegalStateException(
          FILE
              + ": want 7 tab-separated columns (component module port jar environment nice"
              + " java-options): "
              + row);
    }
    Map<String, String> environment = new LinkedHashMap<>();
    if (!cols[4].equals("-")) {
      for (String pair : cols[4].split("\\s+")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalStateException(
              FILE + ", " + cols[0] + ": '" + pair + "' is not NAME=value");
        }
        environment.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return new Component(
        cols[0],
        cols[1],
        Integer.parseInt(cols[2]),
        cols[3],
        Collections.unmodifiableMap(environment),
        Integer.parseInt(cols[5]),
        List.copyOf(Arrays.asList(cols[6].split("\\s+"))));
  }

  /** The packaged application under {@code root}. */
  Path jar(Path root) {
    return root.resolve(module).resolve(jar);
  }
}
