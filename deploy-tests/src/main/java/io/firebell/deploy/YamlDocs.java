package io.firebell.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;

/** Kubernetes YAML as plain maps and lists, and small helpers to walk them. */
public final class YamlDocs {

  private YamlDocs() {}

  private static org.yaml.snakeyaml.Yaml parser() {
    LoaderOptions settings = new LoaderOptions();
    settings.setCodePointLimit(64 * 1024 * 1024);
    // Kubernetes refuses a manifest with a key twice; so does this parser.
    settings.setAllowDuplicateKeys(false);
    return new org.yaml.snakeyaml.Yaml(settings);
  }

  /** Every non-empty document of a multi-document YAML text, as a map. */
  public static List<Map<String, Object>> documents(String text) {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : parser().loadAll(text)) {
      if (doc != null) {
        docs.add(map(doc));
      }
    }
    return docs;
  }

  public static List<Map<String, Object>> documents(Path file) {
    return documents(read(file));
  }

  /** The one document of a YAML text, of any shape. */
  public static Object document(String text) {
    return parser().load(text);
  }

  public static String dump(List<Map<String, Object>> docs) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new org.yaml.snakeyaml.Yaml(options).dumpAll(docs.iterator());
  }

  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A deep copy, so a test can mutate a rendered object without touching the original. */
  @SuppressWarnings("unchecked")
  public static <T> T copy(T value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
      return (T) out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(copy(v)));
      return (T) out;
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
  }

  @SuppressWarnings("unchecked")
  public static List<Object> list(Object value) {
    return value instanceof List<?> ? (List<Object>) value : List.of();
  }

  /** The value at a path of map keys, or null. */
  public static Object at(Object root, String... keys) {
    Object current = root;
    for (String key : keys) {
      if (!(current instanceof Map<?, ?> m)) {
        return null;
      }
      current = m.get(key);
    }
    return current;
  }

  public static String string(Object root, String... keys) {
    Object value = at(root, keys);
    return value == null ? null : String.valueOf(value);
  }

  public static String kind(Map<String, Object> object) {
    return string(object, "kind");
  }

  public static String name(Map<String, Object> object) {
    return string(object, "metadata", "name");
  }
}
