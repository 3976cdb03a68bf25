package io.firebell.console.auth;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Server-side sessions. The cookie holds 256 random bits; the database keeps only their SHA-256, so
 * signing out (or an admin disabling the account) ends the session everywhere at once. A session
 * ends after the idle timeout without a request and at the latest after the absolute timeout.
 */
@ApplicationScoped
public class Sessions {

  public static final String COOKIE = "firebell_session";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A live session: its account and the token every state-changing form must carry. */
  public record Session(byte[] idHash, Account account, String csrfToken, Instant expiresAt) {}

  /** A new session's cookie value and the session. */
  public record Created(String cookieValue, Session session) {}

  @Inject AgroalDataSource db;
  @Inject Accounts accounts;
  @Inject Clock clock;

  @ConfigProperty(name = "firebell.console.session.idle-timeout")
  Duration idleTimeout;

  @ConfigProperty(name = "firebell.console.session.absolute-timeout")
  Duration absoluteTimeout;

  public Created create(Account account) {
    String cookie = random();
    String csrf = random();
    Instant now = clock.instant();
    Instant expires = now.plus(idleTimeout);
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "insert into session (id_hash, account_id, csrf_token, created_at, last_seen_at,"
                    + " expires_at) values (?, ?, ?, ?, ?, ?)")) {
      s.setBytes(1, sha256(cookie));
      s.setObject(2, account.id());
      s.setString(3, csrf);
      s.setTimestamp(4, Timestamp.from(now));
      s.setTimestamp(5, Timestamp.from(now));
      s.setTimestamp(6, Timestamp.from(expires));
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new Created(cookie, new Session(sha256(cookie), account, csrf, expires));
  }

  /**
   * The live session of a cookie value, its idle expiry moved on (never past the absolute timeout);
   * empty when there is none, it expired, or its account is disabled.
   */
  public Optional<Session> find(String cookieValue) {
    if (cookieValue == null || cookieValue.length() != 43) {
      return Optional.empty();
    }
    byte[] hash = sha256(cookieValue);
    Instant now = clock.instant();
    UUID accountId;
    String csrf;
    Instant created;
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select account_id, csrf_token, created_at from session"
                    + " where id_hash = ? and expires_at > ?")) {
      s.setBytes(1, hash);
      s.setTimestamp(2, Timestamp.from(now));
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        accountId = r.getObject(1, UUID.class);
        csrf = r.getString(2);
        created = r.getTimestamp(3).toInstant();
      }
      Instant expires = now.plus(idleTimeout);
      Instant latest = created.plus(absoluteTimeout);
      if (expires.isAfter(latest)) {
        expires = latest;
      }
      try (PreparedStatement u =
          c.prepareStatement(
              "update session set last_seen_at = ?, expires_at = ? where id_hash = ?")) {
        u.setTimestamp(1, Timestamp.from(now));
        u.setTimestamp(2, Timestamp.from(expires));
        u.setBytes(3, hash);
        u.executeUpdate();
      }
      Instant until = expires;
      return accounts
          .byId(accountId)
          .filter(a -> !a.disabled())
          .map(a -> new Session(hash, a, csrf, until));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public void end(byte[] idHash) {
    execute("delete from session where id_hash = ?", idHash);
  }

  /** Ends every session of an account (disabled, roles or password changed). */
  public void endAll(UUID accountId) {
    execute("delete from session where account_id = ?", accountId);
  }

  /**
   * Ends every session of an account but one: the person who changed their own password or roles
   * stays signed in here, and is signed out everywhere else.
   */
  public void endAllExcept(UUID accountId, byte[] keepIdHash) {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("delete from session where account_id = ? and id_hash <> ?")) {
      s.setObject(1, accountId);
      s.setBytes(2, keepIdHash);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Scheduled(every = "10m", delayed = "1m")
  void purgeExpired() {
    execute("delete from session where expires_at < ?", Timestamp.from(clock.instant()));
  }

  private void execute(String sql, Object arg) {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, arg);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
