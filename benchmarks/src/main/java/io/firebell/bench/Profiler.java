package io.firebell.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code --profile}: records each running service with Java Flight Recorder (started and dumped
 * through {@code jcmd}, so the services need no restart and no agent) while the scenarios run, then
 * summarises where each one spent its CPU: the share of execution samples per top frame (self time)
 * and per Firebell frame anywhere on the stack (inclusive time). The recordings stay in {@code
 * benchmarks/target/profile/} for JDK Mission Control or {@code jfr print}.
 */
final class Profiler {

  private static final int TOP = 12;

  private final Path root;
  private final Path dir;
  private final Map<String, String> pids = new LinkedHashMap<>();

  Profiler(Path root) {
    this.root = root;
    this.dir = root.resolve("benchmarks/target/profile");
  }

  void start() throws IOException, InterruptedException {
    Files.createDirectories(dir);
    for (String service : Footprint.PROCESSES) {
      Path pidFile = root.resolve(".firebell/pids/" + service + ".pid");
      if (!Files.exists(pidFile)) {
        continue;
      }
      String pid = Files.readString(pidFile).trim();
      String out = jcmd(pid, "JFR.start", "name=firebell-bench", "settings=profile");
      if (out.contains("Started recording")) {
        pids.put(service, pid);
      } else {
        System.out.println("   profile: could not start JFR in " + service + ": " + out.trim());
      }
    }
    System.out.println("profiling with JFR: " + String.join(", ", pids.keySet()));
  }

  /** Dumps and stops every recording and returns the summary (Markdown). */
  String stop() throws IOException, InterruptedException {
    StringBuilder md = new StringBuilder("## Where the CPU went (JFR execution samples)\n\n");
    for (Map.Entry<String, String> e : pids.entrySet()) {
      Path file = dir.resolve(e.getKey() + ".jfr");
      Files.deleteIfExists(file);
      jcmd(e.getValue(), "JFR.dump", "name=firebell-bench", "filename=" + file);
      jcmd(e.getValue(), "JFR.stop", "name=firebell-bench");
      if (!Files.exists(file)) {
        md.append("- ").append(e.getKey()).append(": no recording written\n");
        continue;
      }
      md.append(summarise(e.getKey(), file)).append('\n');
    }
    md.append("Recordings: `benchmarks/target/profile/*.jfr`.\n");
    return md.toString();
  }

  static String summarise(String service, Path file) throws IOException {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> firebell = new HashMap<>();
    int samples = 0;
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        if (!"jdk.ExecutionSample".equals(event.getEventType().getName())) {
          continue;
        }
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        samples++;
        List<RecordedFrame> frames = stack.getFrames();
        self.merge(name(frames.get(0)), 1, Integer::sum);
        List<String> seen = new ArrayList<>();
        for (RecordedFrame f : frames) {
          String n = name(f);
          if (n.startsWith("io.firebell.") && !generated(n) && !seen.contains(n)) {
            seen.add(n);
            firebell.merge(n, 1, Integer::sum);
          }
        }
      }
    }
    StringBuilder b = new StringBuilder();
    b.append("### ").append(service).append(" (").append(samples).append(" samples)\n\n");
    b.append("| self time, top frames | share |\n|---|---|\n");
    appendTop(b, self, samples);
    b.append("\n| Firebell frames on the stack (inclusive) | share |\n|---|---|\n");
    appendTop(b, firebell, samples);
    return b.toString();
  }

  private static void appendTop(StringBuilder b, Map<String, Integer> counts, int samples) {
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(TOP)
        .forEach(
            e ->
                b.append("| `")
                    .append(e.getKey())
                    .append("` | ")
                    .append(String.format("%.1f %%", 100.0 * e.getValue() / Math.max(1, samples)))
                    .append(" |\n"));
  }

  /** Quarkus's and the JVM's generated frames (proxies, subclasses, lambdas, invokers). */
  private static boolean generated(String name) {
    return name.contains("_Subclass")
        || name.contains("_ClientProxy")
        || name.contains("$$Lambda")
        || name.contains("$quarkusrestinvoker$")
        || name.contains(".lambda$");
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static String jcmd(String pid, String... command)
      throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    List<String> cmd = new ArrayList<>();
    cmd.add(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd");
    cmd.add(pid);
    cmd.addAll(List.of(command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }
}
