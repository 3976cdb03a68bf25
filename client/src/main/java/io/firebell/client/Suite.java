package io.firebell.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

  /**
   * The local suite of {@code ./firebell up} under {@code root}: ports 8081–8084, the role tokens
   * from {@code .firebell/credentials.env}.
   */
  public static Suite fromLocalCredentials(Path root) throws IOException {
    Path file = root.resolve(".firebell/credentials.env");
    if (!Files.exists(file)) {
      throw new StoryFailure(file + " is missing: run ./firebell up first");
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    Map<String, String> tokens = new LinkedHashMap<>();
    for (String role : List.of("viewer", "responder", "communicator", "reviewer", "admin")) {
      String token = env.get("FIREBELL_TOKEN_" + role.toUpperCase(Locale.ROOT));
      if (token == null) {
        throw new StoryFailure(
            "no FIREBELL_TOKEN_" + role.toUpperCase(Locale.ROOT) + " in " + file);
      }
      tokens.put(role, token);
    }
    return local(tokens, "local-communicator@firebell.local");
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
