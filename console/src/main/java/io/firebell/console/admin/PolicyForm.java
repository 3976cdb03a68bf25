package io.firebell.console.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The escalation-policy form: a name, how often to repeat, and up to {@link OnCallResource#LEVELS}
 * levels, each a target ({@code schedule:<id>} or {@code person:<id>} in one select) and how long
 * to wait for an acknowledgement before the next level. Controls are {@code level1Target}, {@code
 * level1Timeout}…; the API's {@code levels[0].target} lands next to {@code level1Target}.
 */
record PolicyForm(String name, String repeatCount, List<String> targets, List<String> timeouts) {

  private static final Pattern LEVEL_FIELD = Pattern.compile("^levels\\[(\\d+)\\](?:\\.(\\w+))?$");

  /** The form of an existing policy. */
  static Form of(JsonNode policy) {
    Form form =
        Form.blank()
            .with("name", policy.path("name").asText())
            .with("repeatCount", policy.path("repeatCount").asText("0"));
    int i = 1;
    for (JsonNode level : policy.path("levels")) {
      if (i > OnCallResource.LEVELS) {
        break;
      }
      form.with(
          "level" + i + "Target",
          level.path("targetType").asText() + ":" + level.path("target").asText());
      form.with("level" + i + "Timeout", level.path("ackTimeoutSeconds").asText());
      i++;
    }
    for (; i <= OnCallResource.LEVELS; i++) {
      form.with("level" + i + "Timeout", "300");
    }
    return form;
  }

  Form form() {
    Form form = Form.blank().with("name", name).with("repeatCount", repeatCount);
    for (int i = 0; i < targets.size(); i++) {
      form.with("level" + (i + 1) + "Target", targets.get(i));
      form.with("level" + (i + 1) + "Timeout", timeouts.get(i));
    }
    return form;
  }

  /**
   * The API's policy request. The levels are the chosen targets in order (an empty level is left
   * out); what cannot be sent at all (no first level, a timeout that is not a number) is put on
   * {@code form}.
   */
  Map<String, Object> body(Form form) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name == null ? "" : name.trim());
    if (repeatCount != null && !repeatCount.isBlank()) {
      Integer n = number(repeatCount);
      if (n == null) {
        form.error("repeatCount", "Enter a whole number from 0 to 10.");
      } else {
        body.put("repeatCount", n);
      }
    }
    List<Map<String, Object>> levels = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      String target = targets.get(i);
      if (target == null || target.isBlank()) {
        if (i == 0) {
          form.error("level1Target", "Choose whom level 1 pages.");
        } else if (laterLevelSet(i)) {
          form.error(
              "level" + (i + 1) + "Target",
              "Choose whom level " + (i + 1) + " pages, or leave the later levels empty too.");
        }
        continue;
      }
      int colon = target.indexOf(':');
      if (colon <= 0) {
        form.error("level" + (i + 1) + "Target", "Choose a schedule or a person.");
        continue;
      }
      Integer timeout = number(timeouts.get(i));
      if (timeout == null) {
        form.error("level" + (i + 1) + "Timeout", "Enter the seconds to wait, e.g. 300.");
        continue;
      }
      Map<String, Object> level = new LinkedHashMap<>();
      level.put("targetType", target.substring(0, colon));
      level.put("target", target.substring(colon + 1));
      level.put("ackTimeoutSeconds", timeout);
      levels.add(level);
    }
    body.put("levels", levels);
    return body;
  }

  /**
   * The control an API field's error belongs to: {@code levels[1].ackTimeoutSeconds} → {@code
   * level2Timeout}, other level fields → {@code levelNTarget}, {@code levels} → {@code
   * level1Target}. The form sends no gaps between levels, so the API's numbers are the form's.
   */
  static String control(String field) {
    if (field.equals("levels")) {
      return "level1Target";
    }
    Matcher m = LEVEL_FIELD.matcher(field);
    if (m.matches()) {
      int n = Integer.parseInt(m.group(1)) + 1;
      return "level" + n + ("ackTimeoutSeconds".equals(m.group(2)) ? "Timeout" : "Target");
    }
    return Form.baseName(field);
  }

  private boolean laterLevelSet(int i) {
    return targets.subList(i + 1, targets.size()).stream().anyMatch(t -> t != null && !t.isBlank());
  }

  private static Integer number(String text) {
    try {
      return text == null ? null : Integer.valueOf(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
