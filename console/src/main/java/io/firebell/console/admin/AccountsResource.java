package io.firebell.console.admin;

import io.firebell.console.auth.Account;
import io.firebell.console.auth.Accounts;
import io.firebell.console.auth.ConsoleTokens;
import io.firebell.console.auth.Passwords;
import io.firebell.console.auth.Person;
import io.firebell.console.auth.Role;
import io.firebell.console.auth.Sessions;
import io.firebell.console.backend.ServiceProblem;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The console's own accounts: list, create, change roles, set a new password (which also unlocks),
 * disable and enable. A change to an account's access ends its sessions and drops its cached
 * service tokens, so it holds from the person's next request. An admin cannot disable their own
 * account or take away their own admin role.
 */
@Path("/admin/accounts")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AccountsResource {

  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  static final Map<String, String> NOTICES =
      Map.of(
          "created", "Account created. Give the person their username and initial password.",
          "roles", "Roles saved. The person was signed out everywhere and signs in again.",
          "own-roles", "Your roles are saved. Your other sessions were ended; this one goes on.",
          "password", "Password set and the account unlocked. The person was signed out.",
          "own-password", "Your password is set. Your other sessions were ended; this one goes on.",
          "disabled", "Account disabled. The person was signed out and cannot sign in.",
          "enabled", "Account enabled. The person can sign in again.");

  /** An account as the pages show it. */
  @TemplateData
  public record Row(
      String id,
      String username,
      String displayName,
      List<String> roles,
      String rolesText,
      boolean disabled,
      boolean locked,
      String lockedUntil,
      String createdAt,
      boolean own) {

    /** The account's state in words. */
    public String state() {
      if (disabled) {
        return "disabled";
      }
      return locked ? "locked until " + lockedUntil : "active";
    }
  }

  /** A role's checkbox: its word and its label. */
  @TemplateData
  public record RoleChoice(String word, String label) {}

  static final List<RoleChoice> ROLE_CHOICES =
      Arrays.stream(Role.values())
          .map(
              r ->
                  new RoleChoice(
                      r.word(), r.word().substring(0, 1).toUpperCase() + r.word().substring(1)))
          .toList();

  /** A line of the account audit. */
  @TemplateData
  public record ChangeRow(String at, String actor, String username, String action, String detail) {}

  @Inject Accounts accounts;
  @Inject Sessions sessions;
  @Inject ConsoleTokens tokens;
  @Inject Person person;
  @Inject Clock clock;

  @Inject
  @Location("admin/accounts.html")
  Template list;

  @Inject
  @Location("admin/account.html")
  Template one;

  @GET
  public TemplateInstance accounts(@RestQuery String done) {
    return list(Form.blank()).data("notice", Form.notice(NOTICES, done));
  }

  @POST
  public Response create(
      @RestForm String username,
      @RestForm String displayName,
      @RestForm List<String> roles,
      @RestForm String password) {
    Form form = AccountRules.newAccount(username, displayName, roles, password);
    if (form.hasErrors()) {
      return Response.status(422)
          .entity(list(form.problem("The account was not created: see the fields below.")))
          .build();
    }
    return accounts
        .create(
            person.username(),
            username.trim(),
            displayName.trim(),
            AccountRules.parse(roles),
            password)
        .map(a -> Response.seeOther(URI.create("/admin/accounts?done=created")).build())
        .orElseGet(
            () ->
                Response.status(409)
                    .entity(
                        list(
                            form.error("username", "That username is taken: choose another.")
                                .problem("The account was not created: the username is taken.")))
                    .build());
  }

  @GET
  @Path("{id}")
  public TemplateInstance account(@RestPath UUID id, @RestQuery String done) {
    Account a = find(id);
    return one(a, Form.blank(), Form.blank(), Form.blank())
        .data("notice", Form.notice(NOTICES, done));
  }

  @POST
  @Path("{id}/roles")
  public Response roles(@RestPath UUID id, @RestForm List<String> roles) {
    Account a = find(id);
    Form form = Form.blank().with("roles", roles);
    boolean own = own(a);
    String problem = AccountRules.rolesProblem(roles);
    if (problem == null) {
      problem = AccountRules.ownRolesProblem(own, roles);
    }
    if (problem != null) {
      return Response.status(422)
          .entity(
              one(
                  a,
                  form.error("roles", problem).problem("The roles were not saved."),
                  Form.blank(),
                  Form.blank()))
          .build();
    }
    accounts.setRoles(person.username(), id, AccountRules.parse(roles));
    signOut(a);
    return done(a, "roles");
  }

  @POST
  @Path("{id}/password")
  public Response password(@RestPath UUID id, @RestForm String password) {
    Account a = find(id);
    String problem = Passwords.problem(password);
    if (problem != null) {
      Form form = Form.blank().error("password", problem).problem("The password was not set.");
      return Response.status(422).entity(one(a, Form.blank(), form, Form.blank())).build();
    }
    accounts.setPassword(person.username(), id, password);
    signOut(a);
    return done(a, "password");
  }

  @POST
  @Path("{id}/disable")
  public Response disable(@RestPath UUID id) {
    Account a = find(id);
    String problem = AccountRules.disableProblem(own(a));
    if (problem != null) {
      return Response.status(422)
          .entity(one(a, Form.blank(), Form.blank(), Form.blank().problem(problem)))
          .build();
    }
    accounts.setDisabled(person.username(), id, true);
    sessions.endAll(id);
    tokens.forget(a.username());
    return Response.seeOther(URI.create("/admin/accounts/" + id + "?done=disabled")).build();
  }

  @POST
  @Path("{id}/enable")
  public Response enable(@RestPath UUID id) {
    Account a = find(id);
    accounts.setDisabled(person.username(), id, false);
    return Response.seeOther(URI.create("/admin/accounts/" + id + "?done=enabled")).build();
  }

  /**
   * Ends the account's sessions and forgets its tokens; on their own account the admin stays signed
   * in here (their next request reads the new roles) and is signed out everywhere else.
   */
  private void signOut(Account a) {
    Sessions.Session current = person.session();
    if (own(a) && current != null) {
      sessions.endAllExcept(a.id(), current.idHash());
    } else {
      sessions.endAll(a.id());
    }
    tokens.forget(a.username());
  }

  private Response done(Account a, String what) {
    String word = own(a) ? "own-" + what : what;
    return Response.seeOther(URI.create("/admin/accounts/" + a.id() + "?done=" + word)).build();
  }

  private Account find(UUID id) {
    return accounts
        .byId(id)
        .orElseThrow(
            () ->
                new ServiceProblem(
                    404, "No such account", "There is no account " + id + ".", Map.of()));
  }

  private boolean own(Account a) {
    return a.username().equals(person.username());
  }

  private TemplateInstance list(Form create) {
    List<Row> rows = accounts.list().stream().map(this::row).toList();
    List<ChangeRow> changes =
        accounts.recentChanges(20).stream()
            .map(
                c ->
                    new ChangeRow(
                        SHOWN.format(c.at()),
                        c.actor(),
                        c.username(),
                        c.action(),
                        c.detail() == null ? "" : c.detail()))
            .toList();
    return list.data("nav", "admin")
        .data("accounts", rows)
        .data("changes", changes)
        .data("roleChoices", ROLE_CHOICES)
        .data("create", create);
  }

  private TemplateInstance one(Account a, Form rolesForm, Form passwordForm, Form accessForm) {
    Row row = row(a);
    if (!rolesForm.refused()) {
      rolesForm.with("roles", a.roles());
    }
    return one.data("nav", "admin")
        .data("account", row)
        .data("roleChoices", ROLE_CHOICES)
        .data("rolesForm", rolesForm)
        .data("passwordForm", passwordForm)
        .data("accessForm", accessForm)
        .data("disableProblem", AccountRules.disableProblem(row.own()));
  }

  private Row row(Account a) {
    Instant now = clock.instant();
    boolean locked = a.lockedAt(now);
    return new Row(
        a.id().toString(),
        a.username(),
        a.displayName(),
        a.roles(),
        String.join(", ", a.roles()),
        a.disabled(),
        locked,
        locked ? SHOWN.format(a.lockedUntil()) : "",
        SHOWN.format(a.createdAt()),
        own(a));
  }
}
