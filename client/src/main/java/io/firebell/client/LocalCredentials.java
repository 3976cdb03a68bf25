package io.firebell.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The local suite's {@code .firebell/credentials.env}, written for {@code ./firebell up}: one JWT
 * per role, minted with the local key, and the monitoring integration token, created through
 * detection-service's API. The file holds shell assignments (README, "Credentials"); it is replaced
 * whole (mode 600) so that a reader never sees half of it.
 *
 * <pre>
 * java -cp … io.firebell.client.LocalCredentials mint &lt;credentials.env&gt; &lt;private.pem&gt; &lt;key as shown&gt;
 * java -cp … io.firebell.client.LocalCredentials integration &lt;credentials.env&gt; &lt;detection URL&gt;
 * </pre>
 */
public final class LocalCredentials {

  static final List<String> ROLES =
      List.of("viewer", "responder", "communicator", "reviewer", "admin");
  static final String INTEGRATION = "FIREBELL_INTEGRATION_TOKEN=";
  static final String INTEGRATION_COMMENT =
      "# Monitoring integration token (detection-service, Authorization: Bearer).";
  static final Duration VALIDITY = Duration.ofDays(30);

  /**
   * The console's local accounts in the local suite: one per role, and two named people so that
   * roles can be split between them (username, display name, roles).
   */
  static final List<List<String>> CONSOLE_ACCOUNTS =
      List.of(
          List.of("viewer", "Local viewer", "viewer"),
          List.of("responder", "Local responder", "responder"),
          List.of("communicator", "Local communicator", "communicator"),
          List.of("reviewer", "Local reviewer", "reviewer"),
          List.of("admin", "Local admin", "admin"),
          List.of("mina.park", "Mina Park", "responder,reviewer"),
          List.of("joon.kim", "Joon Kim", "responder,communicator"));

  /** Beside credentials.env: the console's bootstrap accounts with their passwords (mode 600). */
  public static final String CONSOLE_ACCOUNTS_FILE = "console-accounts.tsv";

  public static final String CONSOLE_URL = "http://127.0.0.1:8080";

  private LocalCredentials() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 4 && args[0].equals("mint")) {
      mint(Path.of(args[1]), JwtMinter.fromPem(Path.of(args[2])), args[3], Instant.now());
    } else if (args.length == 3 && args[0].equals("integration")) {
      ensureIntegrationToken(Path.of(args[1]), args[2]);
    } else {
      System.err.println(
          "usage: LocalCredentials mint <credentials.env> <private.pem> <key as shown>\n"
              + "       LocalCredentials integration <credentials.env> <detection URL>");
      System.exit(2);
    }
  }

  /** Rewrites the file with fresh JWTs (30 days), keeping the integration token, if any. */
  static void mint(Path file, JwtMinter minter, String keyShown, Instant now) throws IOException {
    Instant iat = now.truncatedTo(ChronoUnit.SECONDS);
    Instant exp = iat.plus(VALIDITY);
    JwtMinter local = minter.withKeyId("firebell-local");
    String integration = stored(file);
    List<String> lines = new ArrayList<>();
    lines.add("# Firebell local credentials, written by ./firebell up at " + iat + ".");
    lines.add("# Load them with: set -a; . .firebell/credentials.env; set +a");
    lines.add(
        "# JWTs (RS256, key "
            + keyShown
            + ", iss and aud \"firebell\"), valid until "
            + exp
            + "; ./firebell up re-mints them.");
    for (String role : ROLES) {
      List<String> groups =
          role.equals("admin")
              ? List.of("admin", "viewer", "responder", "communicator", "reviewer")
              : List.of(role);
      String jwt =
          local.mint(
              new JwtMinter.Claims(
                  "local-" + role + "@firebell.local", "local-" + role, groups, iat, exp));
      lines.add("FIREBELL_TOKEN_" + role.toUpperCase(Locale.ROOT) + "=" + jwt);
    }
    lines.add(
        "# Console sign-in at "
            + CONSOLE_URL
            + ": username = the name after FIREBELL_CONSOLE_PASSWORD_ (lower case, _ is a dot in"
            + " mina.park and joon.kim).");
    lines.add("FIREBELL_CONSOLE_URL=" + CONSOLE_URL);
    for (List<String> account : consoleAccounts(file.resolveSibling(CONSOLE_ACCOUNTS_FILE))) {
      lines.add(
          "FIREBELL_CONSOLE_PASSWORD_"
              + account.get(0).replace('.', '_').toUpperCase(Locale.ROOT)
              + "="
              + account.get(3));
    }
    if (integration != null) {
      lines.add(INTEGRATION_COMMENT);
      lines.add(INTEGRATION + integration);
    }
    replace(file, lines);
  }

  /**
   * The console's bootstrap accounts (username, display name, roles, password), created with random
   * passwords the first time and kept after that; the console creates the accounts that do not
   * exist yet from this file at start.
   */
  static List<List<String>> consoleAccounts(Path tsv) throws IOException {
    if (!Files.exists(tsv)) {
      SecureRandom random = new SecureRandom();
      List<String> lines = new ArrayList<>();
      lines.add("# username\tdisplay name\troles\tpassword (the console's bootstrap accounts)");
      for (List<String> a : CONSOLE_ACCOUNTS) {
        byte[] bytes = new byte[15];
        random.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        lines.add(String.join("\t", a.get(0), a.get(1), a.get(2), password));
      }
      replace(tsv, lines);
    }
    List<List<String>> accounts = new ArrayList<>();
    for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        accounts.add(List.of(line.split("\t", -1)));
      }
    }
    return accounts;
  }

  /**
   * Creates the monitoring integration token unless the stored one is still accepted. Never fails
   * {@code up}: it says what went wrong instead (detection-service may not have the endpoint).
   */
  static void ensureIntegrationToken(Path file, String detection) throws IOException {
    List<String> existing = Files.readAllLines(file, StandardCharsets.UTF_8);
    String admin = value(existing, "FIREBELL_TOKEN_ADMIN=");
    Http http = new Http();
    Integrations integrations = new Integrations(http, detection, admin == null ? "" : admin);
    String stored = stored(file);
    if (stored != null) {
      int status = status(() -> http.get(detection + Integrations.WHOAMI_PATH, stored));
      if (status == 200) {
        return;
      }
      say(
          String.format(
              "the stored integration token is rejected (%03d); creating a new one", status));
    }
    Http.Response created = post(integrations, "local-monitoring");
    if (created != null && created.status() == 409) {
      created = post(integrations, "local-monitoring-" + Instant.now().getEpochSecond());
    }
    String token = created != null && created.status() == 201 ? created.text("token") : null;
    if (token == null || token.isEmpty()) {
      if (created != null && created.status() == 404) {
        say("warning: detection-service has no /v1/integrations yet; no integration token written");
      } else {
        say(
            "warning: creating the integration token failed (HTTP "
                + (created == null ? "000" : created.status())
                + "): "
                + (created == null ? "" : abbreviate(created.body())));
      }
      return;
    }
    List<String> lines = new ArrayList<>();
    for (String line : existing) {
      if (!line.startsWith(INTEGRATION) && !line.startsWith("# Monitoring integration token")) {
        lines.add(line);
      }
    }
    lines.add(INTEGRATION_COMMENT);
    lines.add(INTEGRATION + token);
    replace(file, lines);
    say("created the monitoring integration token");
  }

  private static Http.Response post(Integrations integrations, String name) {
    try {
      return integrations.post(name, "alertmanager");
    } catch (StoryFailure unreachable) {
      return null;
    }
  }

  private static int status(Supplier<Http.Response> call) {
    try {
      return call.get().status();
    } catch (StoryFailure unreachable) {
      return 0;
    }
  }

  /** The stored integration token (the last one, as the shell would read it), or null. */
  static String stored(Path file) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    String token = value(Files.readAllLines(file, StandardCharsets.UTF_8), INTEGRATION);
    return token == null || token.isEmpty() ? null : token;
  }

  private static String value(List<String> lines, String prefix) {
    String value = null;
    for (String line : lines) {
      if (line.startsWith(prefix)) {
        value = line.substring(prefix.length());
      }
    }
    return value;
  }

  private static void replace(Path file, List<String> lines) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp =
        Files.createTempFile(
            file.getParent(),
            "credentials.",
            "",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(tmp, lines, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String abbreviate(String body) {
    return body.length() > 300 ? body.substring(0, 300) : body;
  }

  private static void say(String message) {
    System.err.println("firebell: " + message);
  }
}
