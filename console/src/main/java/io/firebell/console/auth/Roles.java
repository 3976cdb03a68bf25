package io.firebell.console.auth;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/** The roles a person effectively holds, as the services count them. */
public final class Roles {

  private Roles() {}

  /** {@code given} plus what they imply: any role implies viewer; admin implies every role. */
  public static Set<String> implied(Collection<String> given) {
    Set<String> out = new TreeSet<>(given);
    if (given.contains(Role.ADMIN.word())) {
      EnumSet.allOf(Role.class).forEach(r -> out.add(r.word()));
    } else if (given.stream().anyMatch(r -> Role.parse(r).isPresent())) {
      out.add(Role.VIEWER.word());
    }
    return out;
  }
}
