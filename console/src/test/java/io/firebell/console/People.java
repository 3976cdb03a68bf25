package io.firebell.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebell.console.auth.Accounts;
import io.firebell.console.auth.Role;
import io.firebell.console.auth.Sessions;
import io.restassured.response.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * People of the console tests: local accounts made through the real {@link Accounts} (each test its
 * own, so one test's lockout never reaches another's), signed in through the real sign-in form over
 * HTTP, as a browser does.
 */
@ApplicationScoped
public class People {

  public static final String PASSWORD = "correct horse battery staple";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  /** A signed-in person: their username and the session cookie their browser holds. */
  public record Person(String username, String cookie) {}

  @Inject Accounts accounts;

  /** A new account holding {@code roles}, with {@link #PASSWORD}. */
  public String create(String prefix, Role... roles) {
    String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(accounts.create("test", username, "Test " + prefix, List.of(roles), PASSWORD))
        .isPresent();
    return username;
  }

  /** A new account holding {@code roles}, signed in. */
  public Person signedIn(String prefix, Role... roles) {
    String username = create(prefix, roles);
    return new Person(username, signIn(username, PASSWORD).cookie(Sessions.COOKIE));
  }

  /** The sign-in form posted, redirects not followed. */
  public static Response signIn(String username, String password) {
    return given()
        .redirects()
        .follow(false)
        .formParam("username", username)
        .formParam("password", password)
        .formParam("next", "/incidents")
        .post("/sign-in");
  }

  /** A page as the person's browser asks for it (with their cookie, redirects not followed). */
  public static Response get(Person p, String path) {
    return given().redirects().follow(false).cookie(Sessions.COOKIE, p.cookie()).get(path);
  }

  /**
   * The CSRF token of the person's session, read from the sign-out form that every page's header
   * carries (here the incidents page, which shows it even while incident-service does not answer).
   */
  public static String csrf(Person p) {
    String page = get(p, "/incidents").body().asString();
    Matcher m = CSRF.matcher(page);
    assertThat(m.find()).as("a _csrf field on the page of %s:\n%s", p.username(), page).isTrue();
    return m.group(1);
  }
}
