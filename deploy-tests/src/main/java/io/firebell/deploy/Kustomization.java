package io.firebell.deploy;

import static io.firebell.deploy.YamlDocs.list;
import static io.firebell.deploy.YamlDocs.map;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders k8s/kustomization.yaml the way kustomize does, for the few features it uses: resources
 * (files), a namespace, and JSON 6902 patches chosen by kind (and name). Any other field is
 * refused, so this renderer can never silently drift from kustomize's; where kubectl is installed,
 * a test also compares it with {@code kubectl kustomize}.
 */
public final class Kustomization {

  private static final Set<String> SUPPORTED =
      Set.of("apiVersion", "kind", "namespace", "resources", "patches");
  private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

  private Kustomization() {}

  public static List<Map<String, Object>> render(Path dir) {
    Map<String, Object> k =
        map(YamlDocs.document(YamlDocs.read(dir.resolve("kustomization.yaml"))));
    for (String key : k.keySet()) {
      if (!SUPPORTED.contains(key)) {
        throw new IllegalArgumentException("kustomization field not supported here: " + key);
      }
    }
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object resource : list(k.get("resources"))) {
      objects.addAll(YamlDocs.documents(dir.resolve(String.valueOf(resource))));
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
    return objects;
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
