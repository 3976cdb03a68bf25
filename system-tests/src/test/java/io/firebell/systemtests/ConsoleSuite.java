package io.firebell.systemtests;

import io.firebell.client.JwtMinter;
import io.firebell.client.Receiver;
import io.firebell.systemtests.browser.Browser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole suite as people meet it: Kafka, the four services (detection as one process that
 * ingests and groups), the console, and a webhook receiver for the stakeholders. The services trust
 * the console's key set ({@code /.well-known/jwks.json}), as they do in Kubernetes, so every page
 * action proves a console-signed token is accepted. The console's local accounts come from a
 * bootstrap file with known passwords.
 */
final class ConsoleSuite implements AutoCloseable {

  static final String PASSWORD = "correct-horse-battery-staple";

  /** username, display name, roles. */
  static final List<List<String>> ACCOUNTS =
      List.of(
          List.of("viewer", "Vera Viewer", "viewer"),
          List.of("admin", "Ada Admin", "admin"),
          List.of("mina.park", "Mina Park", "responder,reviewer"),
          List.of("joon.kim", "Joon Kim", "responder,communicator"));

  private static final List<String> SERVICES =
      List.of("detection", "incident", "broadcast", "review");

  final SuiteProcesses processes;
  final Map<String, SuiteProcesses.Service> services = new LinkedHashMap<>();
  final SuiteProcesses.Service console;
  final Receiver receiver;

  /** Mints set-up tokens with the console's key (the test key), as the console's tokens are. */
  final JwtMinter tokens;

  ConsoleSuite(String name, Map<String, String> consoleEnv) throws Exception {
    Path work = SuiteProcesses.ROOT.resolve("system-tests/target/" + name);
    Files.createDirectories(work);
    processes = new SuiteProcesses(name);
    receiver = new Receiver(work.resolve("receiver.log"));
    tokens = JwtMinter.testKey(SuiteProcesses.ROOT).withThumbprintKeyId();
    processes.startFreshKafka();

    Path accounts = work.resolve("console-accounts.tsv");
    StringBuilder tsv = new StringBuilder();
    for (List<String> a : ACCOUNTS) {
      tsv.append(String.join("\t", a.get(0), a.get(1), a.get(2), PASSWORD)).append('\n');
    }
    Files.writeString(accounts, tsv, StandardCharsets.UTF_8);

    Map<String, Integer> ports = new LinkedHashMap<>();
    for (String s : SERVICES) {
      ports.put(s, SuiteProcesses.freePort());
    }
    int consolePort = SuiteProcesses.freePort();
    String jwks = "http://127.0.0.1:" + consolePort + "/.well-known/jwks.json";

    Map<String, String> env = new LinkedHashMap<>();
    env.put(
        "FIREBELL_CONSOLE_SIGNING_KEY", SuiteProcesses.ROOT.resolve(JwtMinter.TEST_KEY).toString());
    env.put("FIREBELL_CONSOLE_BOOTSTRAP_ACCOUNTS", accounts.toString());
    for (String s : SERVICES) {
      env.put(
          "FIREBELL_CONSOLE_" + s.toUpperCase(java.util.Locale.ROOT) + "_URL",
          "http://127.0.0.1:" + ports.get(s));
    }
    env.putAll(consoleEnv);
    SuiteProcesses.freshDatabase("console", "firebell_console_" + name);
    console =
        processes.startComponentOnPort("console", consolePort, "firebell_console_" + name, env);

    for (String s : SERVICES) {
      SuiteProcesses.freshDatabase(s, "firebell_" + s + "_" + name);
      Map<String, String> serviceEnv = new LinkedHashMap<>();
      serviceEnv.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwks);
      // Deliveries and pages go to receivers on 127.0.0.1, which the outbound guard refuses.
      serviceEnv.put("FIREBELL_OUTBOUND_ALLOW_LIST", "127.0.0.1/32");
      // One detection process that ingests, serves the API and groups (EndToEndSystemTest says
      // why).
      String component = s.equals("detection") ? "detection-worker" : s + "-service";
      services.put(
          s,
          processes.startComponentOnPort(
              component, ports.get(s), "firebell_" + s + "_" + name, serviceEnv));
    }
  }

  String url(String service) {
    return services.get(service).url();
  }

  /**
   * Opens {@code next} in the browser, which the console sends to its sign-in page, and signs in as
   * this account. {@code onSignInPage} runs on the sign-in page before the form is filled (an
   * accessibility check, for one).
   */
  void signIn(Browser b, String username, String next, Duration wait, Runnable onSignInPage) {
    b.open(consoleUrl() + next).waitForText("Sign in to Firebell", wait);
    onSignInPage.run();
    b.fillByLabel("Username", username).fillByLabel("Password", PASSWORD).click("Sign in");
  }

  String consoleUrl() {
    return console.url();
  }

  /** A set-up token for {@code role} (what a script or the launcher would hold). */
  String token(String role) {
    return tokens.mint("setup-" + role, role);
  }

  @Override
  public void close() throws Exception {
    try {
      receiver.close();
    } finally {
      processes.close();
    }
  }
}
