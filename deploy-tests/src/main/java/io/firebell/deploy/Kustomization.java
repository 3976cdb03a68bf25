package io.firebell.deploy;

import static io.firebell.deploy.YamlDocs.list;
import static io.firebell.deploy.YamlDocs.map;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders k8s/kustomization.yaml (or an overlay of it) the way kustomize does, for the few features
 * they use: resources (files, or folders holding a Kustomization), components (folders holding a
 * Component), a namespace, and JSON 6902 patches chosen by kind (and name). Any other field is
 * refused, so this renderer can never silently drift from kustomize's; where kubectl is installed,
 * a test also compares it with {@code kubectl kustomize}.
 *
 * <p>As in kustomize, a Kustomization first gathers its resources (a folder fully rendered on its
 * own), then applies its components in order, then its own patches and namespace; a Component does
 * the same, but on the objects its parent has gathered so far.
 */
public final class Kustomization {

  private static final Set<String> SUPPORTED =
      Set.of("apiVersion", "kind", "namespace", "resources", "components", "patches");
  private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

  private Kustomization() {}

  public static List<Map<String, Object>> render(Path dir) {
    List<Map<String, Object>> objects = new ArrayList<>();
    build(dir, "Kustomization", objects);
    return objects;
  }

  private static void build(Path dir, String expectedKind, List<Map<String, Object>> objects) {
    Map<String, Object> k =
        map(YamlDocs.document(YamlDocs.read(dir.resolve("kustomization.yaml"))));
    for (String key : k.keySet()) {
      if (!SUPPORTED.contains(key)) {
        throw new IllegalArgumentException("kustomization field not supported here: " + key);
      }
    }
    String kind = Objects.toString(k.get("kind"), "Kustomization");
    if (!expectedKind.equals(kind)) {
      throw new IllegalArgumentException(
          dir + " is a " + kind + ", expected a " + expectedKind + " there");
    }
    for (Object resource : list(k.get("resources"))) {
      Path path = dir.resolve(String.valueOf(resource)).normalize();
      if (Files.isDirectory(path)) {
        add(objects, render(path));
      } else {
        add(objects, YamlDocs.documents(path));
      }
    }
    for (Object component : list(k.get("components"))) {
      build(dir.resolve(String.valueOf(component)).normalize(), "Component", objects);
    }
    for (Object p : list(k.get("patches"))) {
      Map<String, Object> patch = map(p);
      Object ops = YamlDocs.document(YamlDocs.read(dir.resolve(String.valueOf(patch.get("path")))));
      if (!(ops instanceof List<?>)) {
        throw new IllegalArgumentException("only JSON 6902 patches are supported: " + patch);
      }
      Map<String, Object> target = map(patch.get("target"));
      for (Map<String, Object> object : objects) {
        if (matches(target, object)) {
          JsonPatch.apply(object, list(ops));
        }
      }
    }
    Object namespace = k.get("namespace");
    if (namespace != null) {
      for (Map<String, Object> object : objects) {
        if (!CLUSTER_SCOPED.contains(YamlDocs.kind(object))) {
          map(object.get("metadata")).put("namespace", namespace);
        }
      }
    }
  }

  /** Adds objects, refusing one whose kind and name are already there (as kustomize does). */
  private static void add(List<Map<String, Object>> objects, List<Map<String, Object>> more) {
    Set<String> ids = new HashSet<>();
    objects.forEach(o -> ids.add(id(o)));
    for (Map<String, Object> object : more) {
      if (!ids.add(id(object))) {
        throw new IllegalArgumentException("resource added twice: " + id(object));
      }
      objects.add(object);
    }
  }

  private static String id(Map<String, Object> object) {
    return YamlDocs.kind(object)
        + "/"
        + Objects.toString(YamlDocs.string(object, "metadata", "namespace"), "")
        + "/"
        + YamlDocs.name(object);
  }

  private static boolean matches(Map<String, Object> target, Map<String, Object> object) {
    for (String key : target.keySet()) {
      if (!Set.of("kind", "name").contains(key)) {
        throw new IllegalArgumentException("patch target field not supported here: " + key);
      }
    }
    return (!target.containsKey("kind")
            || Objects.equals(target.get("kind"), YamlDocs.kind(object)))
        && (!target.containsKey("name")
            || Objects.equals(target.get("name"), YamlDocs.name(object)));
  }
}
