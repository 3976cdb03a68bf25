package io.firebell.deploy;

import static io.firebell.deploy.YamlDocs.map;

import java.util.List;
import java.util.Map;

/** RFC 6902 add, replace and remove on maps and lists (what k8s/patches uses). */
final class JsonPatch {

  private JsonPatch() {}

  @SuppressWarnings("unchecked")
  static void apply(Map<String, Object> document, List<Object> operations) {
    for (Object o : operations) {
      Map<String, Object> op = map(o);
      String[] tokens = String.valueOf(op.get("path")).substring(1).split("/", -1);
      Object parent = document;
      for (int i = 0; i < tokens.length - 1; i++) {
        parent = child(parent, unescape(tokens[i]));
        if (parent == null) {
          throw new IllegalArgumentException("no such path: " + op.get("path"));
        }
      }
      String last = unescape(tokens[tokens.length - 1]);
      Object value = YamlDocs.copy(op.get("value"));
      switch (String.valueOf(op.get("op"))) {
        case "add" -> {
          if (parent instanceof List<?> l) {
            List<Object> list = (List<Object>) l;
            if ("-".equals(last)) {
              list.add(value);
            } else {
              list.add(Integer.parseInt(last), value);
            }
          } else {
            ((Map<String, Object>) parent).put(last, value);
          }
        }
        case "replace" -> {
          if (child(parent, last) == null) {
            throw new IllegalArgumentException("nothing to replace at " + op.get("path"));
          }
          if (parent instanceof List<?> l) {
            ((List<Object>) l).set(Integer.parseInt(last), value);
          } else {
            ((Map<String, Object>) parent).put(last, value);
          }
        }
        case "remove" -> {
          if (parent instanceof List<?> l) {
            l.remove(Integer.parseInt(last));
          } else {
            ((Map<String, Object>) parent).remove(last);
          }
        }
        default -> throw new IllegalArgumentException("unsupported patch op: " + op);
      }
    }
  }

  private static Object child(Object parent, String token) {
    if (parent instanceof Map<?, ?> m) {
      return m.get(token);
    }
    if (parent instanceof List<?> l) {
      int index = Integer.parseInt(token);
      return index < l.size() ? l.get(index) : null;
    }
    return null;
  }

  private static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }
}
