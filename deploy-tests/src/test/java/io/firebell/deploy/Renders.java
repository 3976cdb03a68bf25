package io.firebell.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The repository's deploy artifacts, rendered offline. */
final class Renders {

  static final Path ROOT =
      Path.of(System.getProperty("firebell.root", "..")).toAbsolutePath().normalize();
  static final Path CHART = ROOT.resolve("helm/firebell");
  static final Path STRIMZI_CNPG_VALUES = CHART.resolve("ci/strimzi-cnpg-values.yaml");
  static final Path DETECTION_WORKER_VALUES = CHART.resolve("ci/detection-worker-values.yaml");
  static final Path CONSOLE_OIDC_VALUES = CHART.resolve("ci/console-oidc-values.yaml");
  static final Path K8S = ROOT.resolve("k8s");

  /** detection-service's switch of its grouping consumer (ADR 0106). */
  static final String GROUPING_ENABLED = DetectionWorker.GROUPING_ENABLED;

  /** An overlay of k8s/ with the Component k8s/components/detection-worker (ADR 0106). */
  static final Path DETECTION_WORKER_OVERLAY =
      ROOT.resolve("deploy-tests/src/test/kustomize/detection-worker");

  static final String RELEASE = "firebell";
  static final String NAMESPACE = "firebell";

  /** The Kubernetes version helm renders for (the chart's kubeVersion must admit it). */
  static final String KUBE_VERSION = "1.31.0";

  private Renders() {}

  /** helm template with the chart's defaults, or with a values file over them. */
  static String helmTemplate(Path valuesFile) {
    TemplateCommand template =
        new Helm(CHART)
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion(KUBE_VERSION);
    if (valuesFile != null) {
      template = template.withValuesFile(valuesFile);
    }
    return template.call();
  }

  static List<Map<String, Object>> helm(Path valuesFile) {
    return YamlDocs.documents(helmTemplate(valuesFile));
  }

  static List<Map<String, Object>> k8s() {
    return Kustomization.render(K8S);
  }

  static List<Map<String, Object>> k8s(Path kustomization) {
    return Kustomization.render(kustomization);
  }

  static List<Map<String, Object>> ofKind(List<Map<String, Object>> docs, String kind) {
    return docs.stream().filter(d -> kind.equals(YamlDocs.kind(d))).toList();
  }

  static Map<String, Object> find(List<Map<String, Object>> docs, String kind, String name) {
    return ofKind(docs, kind).stream()
        .filter(d -> name.equals(YamlDocs.name(d)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(kind + " " + name + " is not rendered"));
  }

  /** The env of a Deployment's (first) container, name to value; valueFrom entries map to null. */
  static Map<String, Object> env(Map<String, Object> deployment) {
    Map<String, Object> env = new LinkedHashMap<>();
    for (Object e :
        YamlDocs.list(
            YamlDocs.at(
                YamlDocs.list(YamlDocs.at(deployment, "spec", "template", "spec", "containers"))
                    .get(0),
                "env"))) {
      env.put(YamlDocs.string(e, "name"), YamlDocs.at(e, "value"));
    }
    return env;
  }

  /**
   * A copy of a Deployment's pod spec without what may tell detection-service and detection-worker
   * apart (ADR 0106): the container's name and FIREBELL_DETECTION_GROUPING_ENABLED.
   */
  static Map<String, Object> podSpecApartFromRole(Map<String, Object> deployment) {
    Map<String, Object> spec =
        YamlDocs.copy(YamlDocs.map(YamlDocs.at(deployment, "spec", "template", "spec")));
    for (Object c : YamlDocs.list(spec.get("containers"))) {
      Map<String, Object> container = YamlDocs.map(c);
      container.remove("name");
      YamlDocs.list(container.get("env"))
          .removeIf(e -> GROUPING_ENABLED.equals(YamlDocs.string(e, "name")));
    }
    return spec;
  }

  /** Whether a Service's selector selects a Deployment's pods. */
  static boolean selects(Map<String, Object> service, Map<String, Object> deployment) {
    return Selectors.matchesLabels(
        YamlDocs.map(YamlDocs.at(service, "spec", "selector")),
        YamlDocs.map(YamlDocs.at(deployment, "spec", "template", "metadata", "labels")));
  }

  /** Topic names of config/topics.tsv-formatted text, in file order. */
  static List<String> topicNames(String tsv) {
    return tsv.lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .map(l -> l.split("\\s+")[0])
        .toList();
  }

  static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
