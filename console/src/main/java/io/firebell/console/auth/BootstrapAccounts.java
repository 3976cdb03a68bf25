package io.firebell.console.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the accounts of a bootstrap file at start when they do not exist yet (an account that
 * exists is left as it is: its password may have been changed since). One account per line,
 * tab-separated: username, display name, roles (comma-separated), password. {@code ./firebell up}
 * writes one for the local suite; a Kubernetes Secret can hold one for the first admin (an optional
 * Secret: when the named file does not exist, nothing is created).
 */
@ApplicationScoped
public class BootstrapAccounts {

  private static final Logger LOG = Logger.getLogger(BootstrapAccounts.class);

  @Inject Accounts accounts;

  @ConfigProperty(name = "firebell.console.bootstrap-accounts")
  Optional<String> file;

  void onStart(@Observes StartupEvent start) {
    if (file.isEmpty() || file.get().isBlank() || !Files.exists(Path.of(file.get()))) {
      // In Kubernetes the file is an optional Secret's key: a missing file means no bootstrap.
      if (accounts.list().isEmpty()) {
        LOG.warnf(
            "the console has no accounts and no bootstrap file"
                + " (FIREBELL_CONSOLE_BOOTSTRAP_ACCOUNTS=%s): nobody can sign in with a local"
                + " account",
            file.orElse(""));
      }
      return;
    }
    int created = 0;
    for (Line line : read(Path.of(file.get()))) {
      if (accounts.byUsername(line.username()).isEmpty()
          && accounts
              .create(
                  "bootstrap", line.username(), line.displayName(), line.roles(), line.password())
              .isPresent()) {
        created++;
      }
    }
    LOG.infof("bootstrap accounts: %d created from %s", created, file.get());
  }

  record Line(String username, String displayName, List<Role> roles, String password) {}

  static List<Line> read(Path path) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bootstrap accounts " + path, e);
    }
    List<Line> out = new ArrayList<>();
    int n = 0;
    for (String raw : lines) {
      n++;
      if (raw.isBlank() || raw.startsWith("#")) {
        continue;
      }
      String[] f = raw.split("\t", -1);
      if (f.length != 4) {
        throw new IllegalArgumentException(
            path
                + " line "
                + n
                + ": want 4 tab-separated fields (username, name, roles, password)");
      }
      List<Role> roles = new ArrayList<>();
      int lineNumber = n;
      for (String r : f[2].split(",")) {
        roles.add(
            Role.parse(r.trim())
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            path + " line " + lineNumber + ": unknown role '" + r.trim() + "'")));
      }
      String problem = Passwords.problem(f[3]);
      if (problem != null) {
        throw new IllegalArgumentException(path + " line " + n + ": password: " + problem);
      }
      out.add(new Line(f[0].trim(), f[1].trim(), roles, f[3]));
    }
    return out;
  }
}
