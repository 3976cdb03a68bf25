package io.firebell.systemtests;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The real thing, as processes: a Kafka broker started and stopped through the launcher (so the
 * system tests run the same broker as the local suite) and components started from their packaged
 * jars as config/components.tsv says (the definition {@code ./firebell up} starts the local suite
 * from), against databases of their own.
 */
final class SuiteProcesses implements AutoCloseable {

  static final Path ROOT =
      Path.of(System.getProperty("firebell.root", "..")).toAbsolutePath().normalize();
  private static final Path LOGS = ROOT.resolve("system-tests/target/logs");

  private final String brokerName;
  private final int kafkaPort;
  private final int controllerPort;
  private final Path kafkaData;
  // Components may be started from several threads at once (GeneratedSweepsSystemTest does).
  private final List<Service> services = new CopyOnWriteArrayList<>();
  // The key that encrypts webhook secrets at rest (FIREBELL_SECRETS_KEYS), generated per suite as
  // ./firebell up generates the local one; a restarted component gets the same.
  private final String secretsKey = newSecretsKey();

  SuiteProcesses(String brokerName) throws IOException {
    this.brokerName = brokerName;
    this.kafkaPort = freePort();
    this.controllerPort = freePort();
    this.kafkaData = ROOT.resolve("system-tests/target/kafka-" + brokerName);
    Files.createDirectories(LOGS);
  }

  private static String newSecretsKey() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return java.util.Base64.getEncoder().encodeToString(key);
  }

  String bootstrap() {
    return "127.0.0.1:" + kafkaPort;
  }

  /** A broker on fresh storage (a leftover one of an interrupted run is stopped first). */
  void startFreshKafka() throws Exception {
    stopKafka();
    if (Files.exists(kafkaData)) {
      try (var paths = Files.walk(kafkaData)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    startKafka();
  }

  /** Starts the broker, or restarts it on the storage it had. */
  void startKafka() throws Exception {
    run(
        Duration.ofSeconds(120),
        ROOT.resolve("firebell").toString(),
        "kafka",
        "start",
        brokerName,
        String.valueOf(kafkaPort),
        String.valueOf(controllerPort),
        kafkaData.toString());
  }

  /** Kills the broker without a clean shutdown, as a crash or a lost node would. */
  void killKafka() throws Exception {
    run(
        Duration.ofSeconds(60),
        ROOT.resolve("firebell").toString(),
        "kafka",
        "stop",
        brokerName,
        "--kill");
  }

  void stopKafka() throws Exception {
    run(Duration.ofSeconds(60), ROOT.resolve("firebell").toString(), "kafka", "stop", brokerName);
  }

  /** A fresh database for one service, owned by the service's role (created by ./firebell test). */
  static void freshDatabase(String service, String database) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("drop database if exists " + database + " with (force)");
      s.execute("create database " + database + " owner firebell_" + service);
    }
  }

  /** Starts the component {@code <name>-service} and waits until it is ready. */
  Service startService(String name, String database, Map<String, String> extraEnv)
      throws Exception {
    return startComponent(name + "-service", database, extraEnv);
  }

  /**
   * Starts a component of {@code config/components.tsv} (e.g. {@code detection-worker}) as {@code
   * ./firebell up} starts it — its jar, JVM options and environment — but on a free port, with
   * {@code database}, this suite's broker and the test signing key, and waits until it is ready.
   * {@code extraEnv} comes last and wins.
   */
  Service startComponent(String component, String database, Map<String, String> extraEnv)
      throws Exception {
    return start(Component.named(component), LOGS.resolve(component + ".log"), database, extraEnv);
  }

  /**
   * The same on a port chosen beforehand: for components that must know each other's address before
   * either starts (the console and the services that trust its key set).
   */
  Service startComponentOnPort(
      String component, int port, String database, Map<String, String> extraEnv) throws Exception {
    return start(
        Component.named(component), LOGS.resolve(component + ".log"), port, database, extraEnv);
  }

  /**
   * Starts one more instance of a component (its own HTTP port and log file {@code
   * <component>-<instance>.log}) and waits until it is ready.
   */
  Service startComponentInstance(
      String component, String instance, String database, Map<String, String> extraEnv)
      throws Exception {
    return start(
        Component.named(component),
        LOGS.resolve(component + "-" + instance + ".log"),
        database,
        extraEnv);
  }

  /**
   * Kills a component without a clean shutdown ({@code SIGKILL}, as a crashed node or an OOM-killed
   * pod): no shutdown hook runs, nothing in flight is finished or recorded.
   */
  static void kill(Service service) throws InterruptedException {
    service.process().destroyForcibly();
    service.process().waitFor();
  }

  /**
   * Starts a killed (or stopped) component again as it was — its port, database and environment —
   * appending to its log, and waits until it is ready: a restarted pod behind the same address.
   */
  Service restart(Service service) throws Exception {
    if (service.process().isAlive()) {
      throw new IllegalStateException(service.component() + " is still running");
    }
    services.remove(service);
    return start(
        Component.named(service.component()),
        service.log(),
        service.port(),
        service.database(),
        service.environment(),
        ProcessBuilder.Redirect.appendTo(service.log().toFile()));
  }

  private Service start(
      Component component, Path log, String database, Map<String, String> extraEnv)
      throws Exception {
    return start(component, log, freePort(), database, extraEnv);
  }

  private Service start(
      Component component, Path log, int port, String database, Map<String, String> extraEnv)
      throws Exception {
    return start(
        component, log, port, database, extraEnv, ProcessBuilder.Redirect.to(log.toFile()));
  }

  private Service start(
      Component component,
      Path log,
      int port,
      String database,
      Map<String, String> extraEnv,
      ProcessBuilder.Redirect output)
      throws Exception {
    Path jar = component.jar(ROOT);
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar + " is missing: package the services first (./firebell test does)");
    }
    Map<String, String> env = new HashMap<>();
    env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
    env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/" + database);
    env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + database);
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap());
    env.put(
        "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
        "file:" + ROOT.resolve("platform/src/test/resources/firebell-test-jwt-public.pem"));
    env.put("FIREBELL_SECRETS_KEYS", secretsKey);
    // Kubernetes' probes as ./firebell up runs them (ADR 0147), on any free port: their threads
    // start and stop with every component the system tests run (StopOnSigtermSystemTest).
    env.put("FIREBELL_PROBE_PORT", "0");
    env.putAll(component.environment());
    env.putAll(extraEnv);
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(component.javaOptions());
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(output);
    Service service =
        new Service(component.name(), port, builder.start(), log, database, Map.copyOf(extraEnv));
    services.add(service);
    // Generous: a process that dies is reported at once; one that starts slowly gets time (on a
    // two-core machine loaded by other builds, five components started together took over 5 min).
    service.awaitReady(Duration.ofSeconds(600));
    return service;
  }

  /**
   * Runs a Kafka command-line tool (e.g. {@code org.apache.kafka.tools.consumer.ConsoleConsumer})
   * from the broker jars the launcher installed, and returns its standard output.
   */
  String kafkaTool(Duration timeout, String mainClass, String... args) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add(
        "-Dlog4j2.configurationFile=" + ROOT.resolve("tools/kafka-broker/tools-log4j2.xml"));
    command.add("-cp");
    command.add(ROOT.resolve(".firebell/kafka/lib") + "/*");
    command.add(mainClass);
    command.addAll(List.of(args));
    Path out = Files.createTempFile(LOGS, "kafka-tool", ".out");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.appendTo(LOGS.resolve("launcher.log").toFile()))
            .start();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(mainClass + " did not finish in " + timeout);
    }
    String output = Files.readString(out);
    Files.delete(out);
    return output;
  }

  @Override
  public void close() throws Exception {
    for (Service s : services) {
      s.process.destroy();
    }
    for (Service s : services) {
      if (!s.process.waitFor(20, TimeUnit.SECONDS)) {
        s.process.destroyForcibly();
      }
    }
    stopKafka();
  }

  private static void run(Duration timeout, String... command) throws Exception {
    Path log = LOGS.resolve("launcher.log");
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeout);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed (" + p.exitValue() + "); see " + log);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * One running component: {@code database} and {@code environment} (the extra environment it was
   * started with) are what {@link #restart} starts it again with.
   */
  record Service(
      String component,
      int port,
      Process process,
      Path log,
      String database,
      Map<String, String> environment) {

    String url() {
      return "http://127.0.0.1:" + port;
    }

    void awaitReady(Duration timeout) throws Exception {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(component + " exited during startup; see " + log);
        }
        if (status("/q/health/ready") == 200) {
          return;
        }
        Thread.sleep(200);
      }
      throw new IllegalStateException(component + " not ready within " + timeout + "; see " + log);
    }

    int status(String path) {
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(url() + path).toURL().openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(2000);
        return c.getResponseCode();
      } catch (IOException e) {
        return -1;
      }
    }
  }
}
