package io.firebell.console.admin;

import io.firebell.console.auth.Passwords;
import io.firebell.console.auth.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the accounts page checks before it changes the console's own accounts (the console is the
 * owning service here, so the rules live in it): usernames as the account table allows them, a
 * display name, at least one known role, the password rules of {@link Passwords}, and an admin who
 * may not lock themselves out.
 */
public final class AccountRules {

  /** The account table's check: what can also be a token's subject and a person's id. */
  static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,62}$");

  static final int MAX_DISPLAY_NAME = 200;

  private AccountRules() {}

  /** The checks of a new account, as control → message (controls of the create form). */
  public static Form newAccount(
      String username, String displayName, List<String> roles, String password) {
    Form form =
        Form.blank()
            .with("username", username)
            .with("displayName", displayName)
            .with("roles", roles);
    String u = username == null ? "" : username.trim();
    if (u.isEmpty()) {
      form.error("username", "Enter a username.");
    } else if (!USERNAME.matcher(u).matches()) {
      form.error(
          "username",
          "Use lower-case letters, digits, '.', '_' and '-' (up to 63), starting with a letter or"
              + " digit.");
    }
    String d = displayName == null ? "" : displayName.trim();
    if (d.isEmpty()) {
      form.error("displayName", "Enter the person's name as colleagues know it.");
    } else if (d.length() > MAX_DISPLAY_NAME) {
      form.error("displayName", "Use at most " + MAX_DISPLAY_NAME + " characters.");
    }
    String rolesProblem = rolesProblem(roles);
    if (rolesProblem != null) {
      form.error("roles", rolesProblem);
    }
    String passwordProblem = Passwords.problem(password);
    if (passwordProblem != null) {
      form.error("password", passwordProblem);
    }
    return form;
  }

  /** Why {@code roles} cannot be given, or null when they can. */
  public static String rolesProblem(List<String> roles) {
    if (roles == null || roles.isEmpty()) {
      return "Choose at least one role (viewer only reads).";
    }
    for (String r : roles) {
      if (Role.parse(r).isEmpty()) {
        return "There is no role \"" + r + "\".";
      }
    }
    return null;
  }

  /**
   * Why an admin cannot give their own account {@code roles}, or null: an admin may not take away
   * their own admin role, so the console never loses its last admin by a slip of the mouse.
   */
  public static String ownRolesProblem(boolean ownAccount, List<String> roles) {
    if (ownAccount && (roles == null || !roles.contains(Role.ADMIN.word()))) {
      return "You cannot remove your own admin role: another admin must do it, so that someone"
          + " can always manage accounts.";
    }
    return null;
  }

  /** Why an admin cannot disable this account, or null when they can. */
  public static String disableProblem(boolean ownAccount) {
    return ownAccount
        ? "You cannot disable your own account: another admin must do it, so that someone can"
            + " always sign in and manage accounts."
        : null;
  }

  /** The known roles among those ticked, in the order of {@link Role}. */
  public static List<Role> parse(List<String> roles) {
    List<Role> out = new ArrayList<>();
    for (Role r : Role.values()) {
      if (roles != null && roles.contains(r.word())) {
        out.add(r);
      }
    }
    return out;
  }
}
