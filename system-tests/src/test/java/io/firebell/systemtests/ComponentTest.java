package io.firebell.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * config/components.tsv, the one definition of how a component starts: its rows, and the launcher
 * reading them as the system tests do.
 */
class ComponentTest {

  @Test
  void theSuiteIsSixComponentsAndDetectionRunsTwiceWithGroupingOffAndOn() throws Exception {
    Map<String, Component> all = Component.all();

    assertThat(all.keySet())
        .containsExactly(
            "detection-service",
            "detection-worker",
            "incident-service",
            "broadcast-service",
            "review-service",
            "console");
    assertThat(all.values()).extracting(Component::port).doesNotHaveDuplicates();
    assertThat(all.values())
        .allSatisfy(c -> assertThat(c.javaOptions()).isNotEmpty().allMatch(o -> o.startsWith("-")));
    Component ingest = all.get("detection-service");
    Component worker = all.get("detection-worker");
    assertThat(worker.module()).isEqualTo(ingest.module()).isEqualTo("detection-service");
    assertThat(worker.jar(SuiteProcesses.ROOT)).isEqualTo(ingest.jar(SuiteProcesses.ROOT));
    assertThat(ingest.environment()).containsEntry("FIREBELL_DETECTION_GROUPING_ENABLED", "false");
    assertThat(worker.environment()).containsEntry("FIREBELL_DETECTION_GROUPING_ENABLED", "true");
    assertThat(all.get("incident-service").environment()).isEmpty();
  }

  @Test
  void onlyWhatIsOffTheAlarmsPathYieldsTheCpu() throws Exception {
    Map<String, Component> all = Component.all();

    // ADR 0154: the alarm's path and the ingest that must absorb storms keep the default priority.
    assertThat(all.values())
        .filteredOn(c -> c.nice() != 0)
        .extracting(Component::name)
        .containsExactlyInAnyOrder("review-service", "console");
    assertThat(all.values()).allSatisfy(c -> assertThat(c.nice()).isBetween(0, 19));
  }

  @Test
  void theLauncherReadsTheSameRows() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(SuiteProcesses.ROOT.resolve("firebell").toString(), "components")
            .redirectErrorStream(true);
    builder.environment().remove("FIREBELL_JAVA_OPTS");
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();

    List<List<String>> printed = new ArrayList<>();
    for (String line : out.lines().skip(1).toList()) {
      printed.add(Arrays.asList(line.strip().split("\\s{2,}")));
    }
    List<List<String>> expected = new ArrayList<>();
    for (Component c : Component.all().values()) {
      List<String> env = new ArrayList<>();
      c.environment().forEach((k, v) -> env.add(k + "=" + v));
      expected.add(
          List.of(
              c.name(),
              String.valueOf(c.port()),
              SuiteProcesses.ROOT.relativize(c.jar(SuiteProcesses.ROOT)).toString(),
              env.isEmpty() ? "-" : String.join(" ", env),
              String.valueOf(c.nice()),
              String.join(" ", c.javaOptions())));
    }
    assertThat(printed).as(out).isEqualTo(expected);
  }
}
