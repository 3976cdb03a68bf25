package io.firebell.console.auth;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Local accounts: create, find, check a password (with lockout), change roles, disable. */
@ApplicationScoped
public class Accounts {

  private static final Logger LOG = Logger.getLogger(Accounts.class);
  private static final String COLUMNS =
      "id, username, display_name, roles, disabled, failed_attempts, locked_until, created_at";

  /** What a sign-in attempt came to. */
  public enum Outcome {
    SIGNED_IN,
    WRONG,
    LOCKED,
    DISABLED
  }

  public record Check(Outcome outcome, Account account) {}

  /** One line of the account audit: who changed which account when. */
  public record Change(Instant at, String actor, String username, String action, String detail) {}

  @Inject AgroalDataSource db;
  @Inject Clock clock;

  @ConfigProperty(name = "firebell.console.sign-in.max-failures")
  int maxFailures;

  @ConfigProperty(name = "firebell.console.sign-in.lockout")
  Duration lockout;

  public List<Account> list() {
    return query("select " + COLUMNS + " from account order by username");
  }

  public Optional<Account> byUsername(String username) {
    return query("select " + COLUMNS + " from account where username = ?", username).stream()
        .findFirst();
  }

  public Optional<Account> byId(UUID id) {
    return query("select " + COLUMNS + " from account where id = ?", id).stream().findFirst();
  }

  /** Creates an account; empty when the username is taken. */
  public Optional<Account> create(
      String actor, String username, String displayName, List<Role> roles, String password) {
    Instant now = clock.instant();
    UUID id = UUID.randomUUID();
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "insert into account (id, username, display_name, roles, password_hash,"
                    + " created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)"
                    + " on conflict (username) do nothing")) {
      s.setObject(1, id);
      s.setString(2, username);
      s.setString(3, displayName);
      s.setArray(4, c.createArrayOf("text", roles.stream().map(Role::word).toArray()));
      s.setString(5, Passwords.hash(password));
      s.setTimestamp(6, Timestamp.from(now));
      s.setTimestamp(7, Timestamp.from(now));
      if (s.executeUpdate() == 0) {
        return Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    audit(actor, username, "created", "roles " + roles);
    return byId(id);
  }

  /**
   * Checks a password. Wrong passwords count up; after {@code max-failures} in a row the account is
   * locked for the lockout time (a right password does not open a locked account). A right one
   * resets the count.
   */
  public Check check(String username, String password) {
    Optional<Account> found = byUsername(username == null ? "" : username);
    if (found.isEmpty()) {
      Passwords.decoyCheck(password);
      return new Check(Outcome.WRONG, null);
    }
    Account a = found.get();
    Instant now = clock.instant();
    if (a.lockedAt(now)) {
      Passwords.decoyCheck(password);
      return new Check(Outcome.LOCKED, a);
    }
    boolean right = Passwords.matches(password, passwordHash(a.id()));
    if (a.disabled()) {
      // Only the right password learns that the account exists and is disabled.
      return new Check(right ? Outcome.DISABLED : Outcome.WRONG, right ? a : null);
    }
    if (right) {
      update("update account set failed_attempts = 0, locked_until = null where id = ?", a.id());
      return new Check(Outcome.SIGNED_IN, a);
    }
    int failures = a.failedAttempts() + 1;
    if (failures >= maxFailures) {
      Instant until = now.plus(lockout);
      update(
          "update account set failed_attempts = 0, locked_until = ? where id = ?",
          Timestamp.from(until),
          a.id());
      LOG.warnf("account %s locked for %s after %d wrong passwords", username, lockout, failures);
      audit("sign-in", username, "locked", failures + " wrong passwords");
      return new Check(
          Outcome.LOCKED,
          new Account(
              a.id(),
              a.username(),
              a.displayName(),
              a.roles(),
              a.disabled(),
              0,
              until,
              a.createdAt()));
    }
    update("update account set failed_attempts = ? where id = ?", failures, a.id());
    return new Check(Outcome.WRONG, a);
  }

  public void setRoles(String actor, UUID id, List<Role> roles) {
    Account a = byId(id).orElseThrow();
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("update account set roles = ?, updated_at = ? where id = ?")) {
      s.setArray(1, c.createArrayOf("text", roles.stream().map(Role::word).toArray()));
      s.setTimestamp(2, Timestamp.from(clock.instant()));
      s.setObject(3, id);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    audit(actor, a.username(), "roles", roles.toString());
  }

  public void setDisabled(String actor, UUID id, boolean disabled) {
    Account a = byId(id).orElseThrow();
    update(
        "update account set disabled = ?, updated_at = ? where id = ?",
        disabled,
        Timestamp.from(clock.instant()),
        id);
    audit(actor, a.username(), disabled ? "disabled" : "enabled", null);
  }

  public void setPassword(String actor, UUID id, String password) {
    Account a = byId(id).orElseThrow();
    update(
        "update account set password_hash = ?, failed_attempts = 0, locked_until = null,"
            + " updated_at = ? where id = ?",
        Passwords.hash(password),
        Timestamp.from(clock.instant()),
        id);
    audit(actor, a.username(), "password", null);
  }

  /** The latest {@code limit} changes to accounts, newest first (the admin page shows them). */
  public List<Change> recentChanges(int limit) {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select at, actor, username, action, detail from account_audit"
                    + " order by at desc, id desc limit ?")) {
      s.setInt(1, limit);
      List<Change> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(
              new Change(
                  r.getTimestamp(1).toInstant(),
                  r.getString(2),
                  r.getString(3),
                  r.getString(4),
                  r.getString(5)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private String passwordHash(UUID id) {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("select password_hash from account where id = ?")) {
      s.setObject(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : "";
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void audit(String actor, String username, String action, String detail) {
    update(
        "insert into account_audit (at, actor, username, action, detail) values (?, ?, ?, ?, ?)",
        Timestamp.from(clock.instant()),
        actor,
        username,
        action,
        detail);
  }

  private void update(String sql, Object... args) {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Account> query(String sql, Object... args) {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      List<Account> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Array roles = r.getArray("roles");
          Timestamp locked = r.getTimestamp("locked_until");
          out.add(
              new Account(
                  r.getObject("id", UUID.class),
                  r.getString("username"),
                  r.getString("display_name"),
                  List.copyOf(Arrays.asList((String[]) roles.getArray())),
                  r.getBoolean("disabled"),
                  r.getInt("failed_attempts"),
                  locked == null ? null : locked.toInstant(),
                  r.getTimestamp("created_at").toInstant()));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
