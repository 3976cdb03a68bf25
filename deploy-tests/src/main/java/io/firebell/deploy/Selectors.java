package io.firebell.deploy;

import static io.firebell.deploy.YamlDocs.list;
import static io.firebell.deploy.YamlDocs.map;

import java.util.Map;
import java.util.Objects;

/** Kubernetes label selectors: matchLabels and matchExpressions, and a Service's plain map. */
final class Selectors {

  private Selectors() {}

  /** A LabelSelector ({matchLabels, matchExpressions}); an empty one selects every pod. */
  static boolean matches(Map<String, Object> selector, Map<String, Object> labels) {
    if (!matchesLabels(map(selector.get("matchLabels")), labels)) {
      return false;
    }
    for (Object e : list(selector.get("matchExpressions"))) {
      Map<String, Object> expression = map(e);
      String key = String.valueOf(expression.get("key"));
      boolean has = labels.containsKey(key);
      boolean in = has && list(expression.get("values")).contains(labels.get(key));
      boolean ok =
          switch (String.valueOf(expression.get("operator"))) {
            case "In" -> in;
            case "NotIn" -> !in;
            case "Exists" -> has;
            case "DoesNotExist" -> !has;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Every key=value of the selector is among the labels. */
  static boolean matchesLabels(Map<String, Object> selector, Map<String, Object> labels) {
    return selector.entrySet().stream()
        .allMatch(
            e ->
                Objects.equals(
                    String.valueOf(e.getValue()), String.valueOf(labels.get(e.getKey()))));
  }
}
