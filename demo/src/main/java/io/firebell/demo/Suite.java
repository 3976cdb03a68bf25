package io.firebell.demo;

import java.util.Map;

/**
 * Where the four services answer and the bearer tokens to use: one JWT per role ({@code viewer},
 * {@code responder}, {@code communicator}, {@code reviewer}, {@code admin}) and the principal name
 * the communicator's token carries (the story makes that person the communications lead).
 */
public record Suite(
    String detection,
    String incident,
    String broadcast,
    String review,
    Map<String, String> tokens,
    String communicatorName) {

  public String token(String role) {
    String t = tokens.get(role);
    if (t == null) {
      throw new StoryFailure("no token for role " + role);
    }
    return t;
  }

  /** The local suite of {@code ./firebell up}: ports 8081–8084. */
  public static Suite local(Map<String, String> tokens, String communicatorName) {
    return new Suite(
        "http://127.0.0.1:8081",
        "http://127.0.0.1:8082",
        "http://127.0.0.1:8083",
        "http://127.0.0.1:8084",
        tokens,
        communicatorName);
  }
}
