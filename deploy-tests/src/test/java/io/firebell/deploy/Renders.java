package io.firebell.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The repository's deploy artifacts, rendered offline. */
final class Renders {

  static final Path ROOT =
      Path.of(System.getProperty("firebell.root", "..")).toAbsolutePath().normalize();
  static final Path CHART = ROOT.resolve("helm/firebell");
  static final Path STRIMZI_CNPG_VALUES = CHART.resolve("ci/strimzi-cnpg-values.yaml");
  static final Path K8S = ROOT.resolve("k8s");
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

  static List<Map<String, Object>> ofKind(List<Map<String, Object>> docs, String kind) {
    return docs.stream().filter(d -> kind.equals(YamlDocs.kind(d))).toList();
  }

  static Map<String, Object> find(List<Map<String, Object>> docs, String kind, String name) {
    return ofKind(docs, kind).stream()
        .filter(d -> name.equals(YamlDocs.name(d)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(kind + " " + name + " is not rendered"));
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
