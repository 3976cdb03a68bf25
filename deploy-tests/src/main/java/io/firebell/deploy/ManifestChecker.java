package io.firebell.deploy;

import static io.firebell.deploy.YamlDocs.at;
import static io.firebell.deploy.YamlDocs.kind;
import static io.firebell.deploy.YamlDocs.list;
import static io.firebell.deploy.YamlDocs.map;
import static io.firebell.deploy.YamlDocs.name;
import static io.firebell.deploy.YamlDocs.string;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules every rendering of Firebell's deployment (the Helm chart, the k8s/ kustomization) must
 * keep. {@link #check} returns the broken rules as readable sentences; none means it passes.
 *
 * <p>A reference to a ConfigMap or Secret must resolve to an object of the same rendering, be
 * marked {@code optional}, or be named in the workload's {@value #EXTERNAL_SECRETS} annotation
 * (things the user or an operator creates, which the docs list).
 */
public final class ManifestChecker {

  /** Annotation on a Deployment: comma-separated Secrets/ConfigMaps it needs but nobody renders. */
  public static final String EXTERNAL_SECRETS = "firebell.io/external-secrets";

  static final List<String> REQUIRED_LABELS =
      List.of("app.kubernetes.io/name", "app.kubernetes.io/part-of", "app.kubernetes.io/component");

  private static final Map<String, String> PROBES =
      Map.of(
          "livenessProbe", "/q/health/live",
          "readinessProbe", "/q/health/ready",
          "startupProbe", "/q/health/started");

  /**
   * The name of the container port where the services answer Kubernetes' probes from a thread of
   * their own (ProbeServer, ADR 0147).
   */
  public static final String PROBE_PORT = "probe";

  /** The setting that opens ProbeServer's port ({@code firebell.probe.port}). */
  public static final String PROBE_PORT_ENV = "FIREBELL_PROBE_PORT";

  /** The components of the four services, which the console calls. */
  public static final Set<String> SERVICES = Set.of("detection", "incident", "broadcast", "review");

  /**
   * What a rendering must contain.
   *
   * @param components the app.kubernetes.io/component of the Deployments, one each
   * @param autoscaled the components that need a HorizontalPodAutoscaler
   * @param env the settings every Deployment's container must have, unless {@code componentEnv}
   *     names its component
   * @param componentEnv the settings of the components that read others than the services
   * @param calls the components whose egress is closed, each with the components it calls over
   *     HTTP: its egress must reach their pods' HTTP port, their ingress must admit it, and its
   *     {@code FIREBELL_<COMPONENT>_<CALLEE>_URL} must name their Service
   * @param httpProbes the components whose probes are on their HTTP port (the console, which has no
   *     ProbeServer); every other one's are on its port {@value #PROBE_PORT}
   */
  public record Expectations(
      Set<String> components,
      Set<String> autoscaled,
      Set<String> env,
      Map<String, Set<String>> componentEnv,
      Map<String, Set<String>> calls,
      Set<String> httpProbes) {

    public static Expectations firebell() {
      Set<String> components = new TreeSet<>(SERVICES);
      components.add("console");
      return new Expectations(
          Set.copyOf(components),
          Set.of("detection"),
          Set.of(
              "KAFKA_BOOTSTRAP_SERVERS",
              "QUARKUS_DATASOURCE_REACTIVE_URL",
              "QUARKUS_DATASOURCE_JDBC_URL",
              "QUARKUS_DATASOURCE_USERNAME",
              "QUARKUS_DATASOURCE_PASSWORD",
              "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
              "MP_JWT_VERIFY_ISSUER",
              "MP_JWT_VERIFY_AUDIENCES",
              "FIREBELL_SECRETS_KEYS",
              "QUARKUS_OTEL_SDK_DISABLED"),
          Map.of(
              "console",
              Set.of(
                  "KAFKA_BOOTSTRAP_SERVERS",
                  "QUARKUS_DATASOURCE_JDBC_URL",
                  "QUARKUS_DATASOURCE_USERNAME",
                  "QUARKUS_DATASOURCE_PASSWORD",
                  "FIREBELL_CONSOLE_SIGNING_KEY",
                  "FIREBELL_CONSOLE_DETECTION_URL",
                  "FIREBELL_CONSOLE_INCIDENT_URL",
                  "FIREBELL_CONSOLE_BROADCAST_URL",
                  "FIREBELL_CONSOLE_REVIEW_URL",
                  "FIREBELL_CONSOLE_STATUS_PAGE_URL",
                  "FIREBELL_CONSOLE_COOKIE_SECURE",
                  "FIREBELL_CONSOLE_OIDC_ENABLED")),
          Map.of("console", SERVICES),
          Set.of("console"));
    }

    /** The settings a component's container must have. */
    public Set<String> envFor(String component) {
      return componentEnv.getOrDefault(component, env);
    }

    /**
     * These expectations plus the Deployment of ADR 0106's detection worker (component {@code
     * detection-worker}, grouping apart from ingest), which the chart renders with {@code
     * services.detection.worker.enabled} and k8s/ with {@code components/detection-worker}. It
     * needs everything a service needs, but no HorizontalPodAutoscaler.
     */
    public Expectations withDetectionWorker() {
      Set<String> all = new TreeSet<>(components);
      all.add("detection-worker");
      return new Expectations(Set.copyOf(all), autoscaled, env, componentEnv, calls, httpProbes);
    }
  }

  private final Expectations expectations;

  public ManifestChecker(Expectations expectations) {
    this.expectations = expectations;
  }

  public List<String> check(List<Map<String, Object>> objects) {
    Rendering r = new Rendering(objects);
    List<String> violations = new ArrayList<>();
    Set<String> components = new TreeSet<>();
    for (Map<String, Object> deployment : r.ofKind("Deployment")) {
      components.add(string(deployment, "metadata", "labels", "app.kubernetes.io/component"));
      checkDeployment(r, deployment, violations);
    }
    if (!components.equals(new TreeSet<>(expectations.components()))) {
      violations.add(
          "Deployments for components " + components + ", expected " + expectations.components());
    }
    for (Map<String, Object> deployment : r.ofKind("Deployment")) {
      checkCalls(r, deployment, violations);
      checkKeySet(r, deployment, violations);
    }
    r.ofKind("Service").forEach(s -> checkService(r, s, violations));
    r.ofKind("ServiceAccount").forEach(sa -> checkServiceAccount(sa, violations));
    r.ofKind("Ingress").forEach(i -> checkIngress(r, i, violations));
    r.ofKind("HorizontalPodAutoscaler").forEach(h -> checkHpa(r, h, violations));
    r.ofKind("PodDisruptionBudget").forEach(p -> checkSelectsSomething(r, p, violations));
    return violations;
  }

  private void checkDeployment(Rendering r, Map<String, Object> d, List<String> out) {
    String where = "Deployment " + name(d);
    Map<String, Object> podLabels = map(at(d, "spec", "template", "metadata", "labels"));
    Map<String, Object> pod = map(at(d, "spec", "template", "spec"));
    for (String label : REQUIRED_LABELS) {
      if (string(d, "metadata", "labels", label) == null) {
        out.add(where + ": no label " + label);
      }
      if (podLabels.get(label) == null) {
        out.add(where + ": pod template has no label " + label);
      }
    }
    if (!Selectors.matches(map(at(d, "spec", "selector")), podLabels)) {
      out.add(where + ": its selector does not match its pod template's labels");
    }
    Set<String> external = external(d);
    Map<String, Object> podSecurity = map(pod.get("securityContext"));

    // Containers: probes, resources, security context, a writable /tmp.
    List<Object> containers = list(pod.get("containers"));
    if (containers.isEmpty()) {
      out.add(where + ": no containers");
    }
    String component = string(d, "metadata", "labels", "app.kubernetes.io/component");
    for (Object c : containers) {
      checkContainer(where, map(c), pod, podSecurity, out);
      checkProbePorts(r, where + ", container " + string(c, "name"), component, map(c), out);
      checkEnv(r, where + ", container " + string(c, "name"), component, map(c), out);
    }
    for (Object c : list(pod.get("initContainers"))) {
      checkSecurity(where + ", init container " + string(c, "name"), map(c), podSecurity, out);
    }

    // Identity: a ServiceAccount of this rendering, and no API token in the pod.
    String saName = Objects.toString(pod.get("serviceAccountName"), "default");
    Map<String, Object> sa = r.find("ServiceAccount", saName);
    if (sa == null) {
      out.add(where + ": ServiceAccount " + saName + " is not in the rendering");
    }
    Object automount =
        pod.containsKey("automountServiceAccountToken")
            ? pod.get("automountServiceAccountToken")
            : sa == null ? null : sa.get("automountServiceAccountToken");
    if (!Boolean.FALSE.equals(automount)) {
      out.add(where + ": the ServiceAccount token is mounted (automountServiceAccountToken)");
    }

    checkReferences(r, where, pod, external, out);

    // Disruption, autoscaling, network.
    if (r.selecting("PodDisruptionBudget", podLabels).isEmpty()) {
      out.add(where + ": no PodDisruptionBudget selects its pods");
    }
    if (expectations.autoscaled().contains(component)
        && r.ofKind("HorizontalPodAutoscaler").stream()
            .noneMatch(
                h ->
                    "Deployment".equals(string(h, "spec", "scaleTargetRef", "kind"))
                        && Objects.equals(name(d), string(h, "spec", "scaleTargetRef", "name")))) {
      out.add(where + ": no HorizontalPodAutoscaler scales it");
    }
    checkNetworkPolicies(r, where, podLabels, containers, out);
  }

  private void checkContainer(
      String deployment,
      Map<String, Object> c,
      Map<String, Object> pod,
      Map<String, Object> podSecurity,
      List<String> out) {
    String where = deployment + ", container " + string(c, "name");
    PROBES.forEach(
        (probe, path) -> {
          Map<String, Object> httpGet = map(at(c, probe, "httpGet"));
          if (httpGet.isEmpty()) {
            out.add(where + ": no " + probe + " (HTTP GET " + path + ")");
          } else if (!path.equals(httpGet.get("path"))) {
            out.add(where + ": " + probe + " is on " + httpGet.get("path") + ", not " + path);
          } else if (!hasPort(c, httpGet.get("port"))) {
            out.add(
                where + ": " + probe + " targets port " + httpGet.get("port") + ", not its own");
          }
        });
    for (String kind : List.of("requests", "limits")) {
      for (String resource : List.of("cpu", "memory")) {
        if (at(c, "resources", kind, resource) == null) {
          out.add(where + ": no resources." + kind + "." + resource);
        }
      }
    }
    checkSecurity(where, c, podSecurity, out);
    boolean tmpIsEmptyDir =
        list(c.get("volumeMounts")).stream()
            .map(YamlDocs::map)
            .filter(m -> "/tmp".equals(m.get("mountPath")))
            .anyMatch(
                m ->
                    list(pod.get("volumes")).stream()
                        .map(YamlDocs::map)
                        .anyMatch(
                            v ->
                                Objects.equals(v.get("name"), m.get("name"))
                                    && v.containsKey("emptyDir")));
    if (!tmpIsEmptyDir) {
      out.add(where + ": /tmp is not a writable emptyDir (the root filesystem is read-only)");
    }
  }

  /**
   * Where the probes go. A service's three probes ask its port {@value #PROBE_PORT}, by name or
   * number (quarkus-kubernetes writes the number), which {@value #PROBE_PORT_ENV} opens: there a
   * thread of its own answers them, however busy its event loops (ADR 0147). The console's stay on
   * its HTTP port.
   */
  private void checkProbePorts(
      Rendering r, String where, String component, Map<String, Object> c, List<String> out) {
    boolean onHttp = expectations.httpProbes().contains(component);
    String expected = onHttp ? "http" : PROBE_PORT;
    Map<String, Object> port = namedPort(c, expected);
    if (port == null) {
      out.add(where + ": no container port named " + expected);
    }
    for (String probe : new TreeSet<>(PROBES.keySet())) {
      Object target = at(c, probe, "httpGet", "port");
      if (target != null && !namesPort(port, target)) {
        out.add(where + ": " + probe + " targets port " + target + ", not " + expected);
      }
    }
    if (onHttp || port == null) {
      return;
    }
    String value = envValues(r, c).get(PROBE_PORT_ENV);
    String number = String.valueOf(port.get("containerPort"));
    if (value == null) {
      out.add(where + ": " + PROBE_PORT_ENV + " is not set (the probes' port " + number + ")");
    } else if (!value.equals(number)) {
      out.add(
          String.format(
              "%s: %s is %s, not the containerPort of port %s (%s)",
              where, PROBE_PORT_ENV, value, PROBE_PORT, number));
    }
  }

  /** The runtime settings the services read are all set: by env, or by a rendered ConfigMap. */
  private void checkEnv(
      Rendering r, String where, String component, Map<String, Object> c, List<String> out) {
    Set<String> names = envValues(r, c).keySet();
    for (String required : new TreeSet<>(expectations.envFor(component))) {
      if (!names.contains(required)) {
        out.add(where + ": " + required + " is not set (env or a rendered ConfigMap)");
      }
    }
  }

  /**
   * A container's environment, name to value: its rendered ConfigMaps' data, then its env (a value
   * from a Secret or field maps to the empty string).
   */
  static Map<String, String> envValues(Rendering r, Map<String, Object> c) {
    Map<String, String> values = new java.util.TreeMap<>();
    for (Object e : list(c.get("envFrom"))) {
      Map<String, Object> configMap = r.find("ConfigMap", string(e, "configMapRef", "name"));
      if (configMap != null) {
        map(configMap.get("data")).forEach((k, v) -> values.put(k, String.valueOf(v)));
      }
    }
    list(c.get("env"))
        .forEach(e -> values.put(string(e, "name"), Objects.toString(map(e).get("value"), "")));
    return values;
  }

  /**
   * A Deployment that calls others ({@link Expectations#calls}, the console): its egress is closed
   * but for what it needs, which its NetworkPolicies admit — each callee's HTTP port (and the
   * callee's ingress admits it), DNS, its database's and Kafka's ports, and with OpenID Connect on,
   * the identity provider's HTTPS — and its URLs of the callees name their Services.
   */
  private void checkCalls(Rendering r, Map<String, Object> d, List<String> out) {
    String component = string(d, "metadata", "labels", "app.kubernetes.io/component");
    Set<String> callees = expectations.calls().get(component);
    if (callees == null) {
      return;
    }
    String where = "Deployment " + name(d);
    Map<String, Object> podLabels = podLabels(d);
    List<Map<String, Object>> policies = r.policiesOf(podLabels, "Egress");
    if (policies.isEmpty()) {
      out.add(where + ": no NetworkPolicy restricts its egress");
      return;
    }
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Map<String, Object> p : policies) {
      for (Object rule : list(at(p, "spec", "egress"))) {
        rules.add(map(rule));
        if (list(map(rule).get("to")).isEmpty()) {
          out.add(where + ": NetworkPolicy " + name(p) + " admits egress to anywhere");
        }
        if (list(map(rule).get("ports")).isEmpty()) {
          out.add(where + ": NetworkPolicy " + name(p) + " admits egress to every port");
        }
      }
    }
    Map<String, String> env = envValues(r, firstContainer(d));
    if (!egressToPort(rules, 53, "UDP")) {
      out.add(where + ": its egress does not admit DNS (UDP port 53)");
    }
    Integer dbPort = port(env.get("QUARKUS_DATASOURCE_JDBC_URL"), 5432);
    if (!egressToPort(rules, dbPort, "TCP")) {
      out.add(where + ": its egress does not admit its database (port " + dbPort + ")");
    }
    String kafka = env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "");
    Integer kafkaPort = port("kafka://" + kafka.split(",")[0].trim(), 9092);
    if (!egressToPort(rules, kafkaPort, "TCP")) {
      out.add(where + ": its egress does not admit Kafka (port " + kafkaPort + ")");
    }
    if ("true".equals(env.get("FIREBELL_CONSOLE_OIDC_ENABLED"))) {
      for (String setting :
          List.of(
              "QUARKUS_OIDC_AUTH_SERVER_URL",
              "QUARKUS_OIDC_CLIENT_ID",
              "QUARKUS_OIDC_CREDENTIALS_SECRET")) {
        if (!env.containsKey(setting)) {
          out.add(where + ": OpenID Connect is on but " + setting + " is not set");
        }
      }
      Integer idpPort = port(env.get("QUARKUS_OIDC_AUTH_SERVER_URL"), 443);
      if (!egressToPort(rules, idpPort, "TCP")) {
        out.add(where + ": its egress does not admit the identity provider (port " + idpPort + ")");
      }
    }
    for (String callee : new TreeSet<>(callees)) {
      Map<String, Object> target =
          r.ofKind("Deployment").stream()
              .filter(
                  t ->
                      callee.equals(string(t, "metadata", "labels", "app.kubernetes.io/component")))
              .findFirst()
              .orElse(null);
      if (target == null) {
        out.add(where + ": calls " + callee + ", which has no Deployment");
        continue;
      }
      String to = "Deployment " + name(target);
      if (!r.egressAdmits(podLabels, podLabels(target), firstContainer(target))) {
        out.add(where + ": its egress does not admit " + to + "'s HTTP port");
      }
      if (!r.ingressAdmits(podLabels(target), firstContainer(target), podLabels)) {
        out.add(to + ": its NetworkPolicies do not admit " + where + " to its HTTP port");
      }
      String setting =
          "FIREBELL_"
              + component.toUpperCase(java.util.Locale.ROOT)
              + "_"
              + callee.toUpperCase(java.util.Locale.ROOT)
              + "_URL";
      String url = env.get(setting);
      if (url != null && !r.servesPods(url, target)) {
        out.add(where + ": " + setting + " " + url + " is not a Service of " + to);
      }
    }
  }

  /**
   * A Deployment whose MP_JWT_VERIFY_PUBLICKEY_LOCATION is a key set inside the cluster (the
   * console's, by a Service name): that Service is rendered with that port, and the NetworkPolicies
   * admit the Deployment's pods to it.
   */
  private static void checkKeySet(Rendering r, Map<String, Object> d, List<String> out) {
    String location = envValues(r, firstContainer(d)).get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
    if (location == null || !location.startsWith("http")) {
      return;
    }
    java.net.URI uri = java.net.URI.create(location);
    String host = Objects.toString(uri.getHost(), "");
    if (host.contains(".") && !host.contains(".svc")) {
      return; // the identity provider's, outside the cluster
    }
    String where = "Deployment " + name(d);
    String serviceName = host.split("\\.")[0];
    Map<String, Object> service = r.find("Service", serviceName);
    if (service == null) {
      out.add(
          where + ": MP_JWT_VERIFY_PUBLICKEY_LOCATION " + location + " names no rendered Service");
      return;
    }
    List<Map<String, Object>> targets =
        r.ofKind("Deployment").stream()
            .filter(
                t -> Selectors.matchesLabels(map(at(service, "spec", "selector")), podLabels(t)))
            .toList();
    if (targets.isEmpty() || !r.servesPods(location, targets.get(0))) {
      out.add(
          where
              + ": MP_JWT_VERIFY_PUBLICKEY_LOCATION "
              + location
              + " is no port of Service "
              + serviceName);
      return;
    }
    if (!r.ingressAdmits(podLabels(targets.get(0)), firstContainer(targets.get(0)), podLabels(d))) {
      out.add(
          "Deployment "
              + name(targets.get(0))
              + ": its NetworkPolicies do not admit "
              + where
              + " to its HTTP port (the key set of MP_JWT_VERIFY_PUBLICKEY_LOCATION)");
    }
  }

  private static boolean egressToPort(List<Map<String, Object>> rules, int port, String protocol) {
    return rules.stream()
        .flatMap(rule -> list(rule.get("ports")).stream())
        .map(YamlDocs::map)
        .anyMatch(
            p ->
                String.valueOf(p.get("port")).equals(String.valueOf(port))
                    && protocol.equals(Objects.toString(p.get("protocol"), "TCP")));
  }

  /** The port of a URL (jdbc: stripped), or the default when it names none. */
  private static Integer port(String url, int fallback) {
    if (url == null || url.isBlank()) {
      return fallback;
    }
    try {
      int port = java.net.URI.create(url.replaceFirst("^jdbc:", "")).getPort();
      return port == -1 ? (url.startsWith("https") ? 443 : fallback) : port;
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }

  private static Map<String, Object> podLabels(Map<String, Object> deployment) {
    return map(at(deployment, "spec", "template", "metadata", "labels"));
  }

  private static Map<String, Object> firstContainer(Map<String, Object> deployment) {
    List<Object> containers = list(at(deployment, "spec", "template", "spec", "containers"));
    return containers.isEmpty() ? Map.of() : map(containers.get(0));
  }

  private static void checkSecurity(
      String where, Map<String, Object> c, Map<String, Object> podSecurity, List<String> out) {
    Map<String, Object> sc = map(c.get("securityContext"));
    Object nonRoot =
        sc.containsKey("runAsNonRoot") ? sc.get("runAsNonRoot") : podSecurity.get("runAsNonRoot");
    if (!Boolean.TRUE.equals(nonRoot)) {
      out.add(where + ": not runAsNonRoot");
    }
    if (!Boolean.TRUE.equals(sc.get("readOnlyRootFilesystem"))) {
      out.add(where + ": no readOnlyRootFilesystem");
    }
    if (!Boolean.FALSE.equals(sc.get("allowPrivilegeEscalation"))) {
      out.add(where + ": allowPrivilegeEscalation is not false");
    }
    if (!list(at(sc, "capabilities", "drop")).contains("ALL")) {
      out.add(where + ": capabilities do not drop ALL");
    }
    if (!list(at(sc, "capabilities", "add")).isEmpty()) {
      out.add(where + ": adds capabilities " + at(sc, "capabilities", "add"));
    }
    Object seccomp =
        sc.containsKey("seccompProfile")
            ? at(sc, "seccompProfile", "type")
            : at(podSecurity, "seccompProfile", "type");
    if (!"RuntimeDefault".equals(seccomp)) {
      out.add(where + ": seccompProfile is not RuntimeDefault");
    }
    if (Boolean.TRUE.equals(sc.get("privileged"))) {
      out.add(where + ": privileged");
    }
  }

  /**
   * ConfigMaps and Secrets named by env, envFrom and volumes must exist (or be optional/external).
   */
  private static void checkReferences(
      Rendering r, String where, Map<String, Object> pod, Set<String> external, List<String> out) {
    List<Object> containers = new ArrayList<>(list(pod.get("containers")));
    containers.addAll(list(pod.get("initContainers")));
    for (Object co : containers) {
      Map<String, Object> c = map(co);
      for (Object e : list(c.get("envFrom"))) {
        reference(r, where, "ConfigMap", map(map(e).get("configMapRef")), "name", external, out);
        reference(r, where, "Secret", map(map(e).get("secretRef")), "name", external, out);
      }
      for (Object e : list(c.get("env"))) {
        Map<String, Object> from = map(map(e).get("valueFrom"));
        reference(r, where, "ConfigMap", map(from.get("configMapKeyRef")), "name", external, out);
        reference(r, where, "Secret", map(from.get("secretKeyRef")), "name", external, out);
      }
    }
    for (Object v : list(pod.get("volumes"))) {
      reference(r, where, "ConfigMap", map(map(v).get("configMap")), "name", external, out);
      reference(r, where, "Secret", map(map(v).get("secret")), "secretName", external, out);
    }
  }

  private static void reference(
      Rendering r,
      String where,
      String kind,
      Map<String, Object> ref,
      String nameKey,
      Set<String> external,
      List<String> out) {
    if (ref.isEmpty()) {
      return;
    }
    String name = Objects.toString(ref.get(nameKey), "");
    if (r.find(kind, name) == null
        && !Boolean.TRUE.equals(ref.get("optional"))
        && !external.contains(name)) {
      out.add(
          where + ": " + kind + " " + name + " is neither in the rendering nor declared external");
    }
  }

  private static void checkNetworkPolicies(
      Rendering r,
      String where,
      Map<String, Object> podLabels,
      List<Object> containers,
      List<String> out) {
    List<Map<String, Object>> policies =
        r.selecting("NetworkPolicy", podLabels).stream()
            .filter(p -> list(at(p, "spec", "policyTypes")).contains("Ingress"))
            .toList();
    if (policies.isEmpty()) {
      out.add(where + ": no NetworkPolicy restricts ingress to its pods");
    }
    for (Map<String, Object> p : policies) {
      for (Object ruleObject : list(at(p, "spec", "ingress"))) {
        Map<String, Object> rule = map(ruleObject);
        if (list(rule.get("from")).isEmpty()) {
          out.add(where + ": NetworkPolicy " + name(p) + " admits ingress from anywhere");
        }
        List<Object> ports = list(rule.get("ports"));
        if (ports.isEmpty()) {
          out.add(where + ": NetworkPolicy " + name(p) + " admits ingress to every port");
        }
        for (Object port : ports) {
          Object value = map(port).get("port");
          if (containers.stream().noneMatch(c -> isHttpPort(map(c), value))) {
            out.add(where + ": NetworkPolicy " + name(p) + " opens port " + value + ", not HTTP");
          }
        }
      }
    }
  }

  private static void checkService(Rendering r, Map<String, Object> s, List<String> out) {
    String where = "Service " + name(s);
    Map<String, Object> selector = map(at(s, "spec", "selector"));
    if (selector.isEmpty()) {
      out.add(where + ": no selector");
      return;
    }
    List<Map<String, Object>> targets =
        r.ofKind("Deployment").stream()
            .filter(
                d ->
                    Selectors.matchesLabels(
                        selector, map(at(d, "spec", "template", "metadata", "labels"))))
            .toList();
    if (targets.isEmpty()) {
      out.add(where + ": selects no Deployment's pods");
      return;
    }
    if (targets.size() > 1) {
      // e.g. firebell-detection-service sending alerts to the detection worker (ADR 0106).
      out.add(
          where
              + ": selects the pods of "
              + targets.size()
              + " Deployments "
              + targets.stream().map(YamlDocs::name).sorted().toList()
              + ", not one");
    }
    for (Object p : list(at(s, "spec", "ports"))) {
      Object target = map(p).getOrDefault("targetPort", map(p).get("port"));
      List<Map<String, Object>> containers =
          targets.stream()
              .flatMap(d -> list(at(d, "spec", "template", "spec", "containers")).stream())
              .map(YamlDocs::map)
              .toList();
      if (containers.stream().noneMatch(c -> hasPort(c, target))) {
        out.add(where + ": targetPort " + target + " is no container port");
      }
      // Only the kubelet asks the probe port; nothing in the cluster needs to reach it.
      if (containers.stream().anyMatch(c -> namesPort(namedPort(c, PROBE_PORT), target))) {
        out.add(where + ": exposes port " + PROBE_PORT + " (" + target + "), the kubelet's only");
      }
    }
  }

  private static void checkServiceAccount(Map<String, Object> sa, List<String> out) {
    if (!Boolean.FALSE.equals(sa.get("automountServiceAccountToken"))) {
      out.add("ServiceAccount " + name(sa) + ": automountServiceAccountToken is not false");
    }
  }

  private static void checkIngress(Rendering r, Map<String, Object> ingress, List<String> out) {
    for (Object rule : list(at(ingress, "spec", "rules"))) {
      for (Object path : list(at(rule, "http", "paths"))) {
        String service = string(path, "backend", "service", "name");
        if (r.find("Service", service) == null) {
          out.add("Ingress " + name(ingress) + ": backend Service " + service + " does not exist");
        }
      }
    }
  }

  private static void checkHpa(Rendering r, Map<String, Object> hpa, List<String> out) {
    String target = string(hpa, "spec", "scaleTargetRef", "name");
    if (r.find(string(hpa, "spec", "scaleTargetRef", "kind"), target) == null) {
      out.add("HorizontalPodAutoscaler " + name(hpa) + ": target " + target + " does not exist");
    }
  }

  private static void checkSelectsSomething(Rendering r, Map<String, Object> o, List<String> out) {
    Map<String, Object> selector = map(at(o, "spec", "selector"));
    boolean any =
        r.ofKind("Deployment").stream()
            .anyMatch(
                d ->
                    Selectors.matches(
                        selector, map(at(d, "spec", "template", "metadata", "labels"))));
    if (!any) {
      out.add(kind(o) + " " + name(o) + ": selects no Deployment's pods");
    }
  }

  private static Set<String> external(Map<String, Object> deployment) {
    String value = string(deployment, "metadata", "annotations", EXTERNAL_SECRETS);
    Set<String> names = new HashSet<>();
    if (value != null) {
      Arrays.stream(value.split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .forEach(names::add);
    }
    return names;
  }

  /** The names a Deployment declares external, for tests that pin them. */
  public static Set<String> declaredExternal(Map<String, Object> deployment) {
    return external(deployment);
  }

  private static boolean hasPort(Map<String, Object> container, Object port) {
    return list(container.get("ports")).stream()
        .map(YamlDocs::map)
        .anyMatch(
            p ->
                Objects.equals(String.valueOf(p.get("containerPort")), String.valueOf(port))
                    || Objects.equals(p.get("name"), port));
  }

  /** The container's port of that name, or null. */
  private static Map<String, Object> namedPort(Map<String, Object> container, String name) {
    return list(container.get("ports")).stream()
        .map(YamlDocs::map)
        .filter(p -> name.equals(p.get("name")))
        .findFirst()
        .orElse(null);
  }

  /** Whether a probe's or Service's port (a name or a number) is this container port. */
  private static boolean namesPort(Map<String, Object> port, Object target) {
    return port != null
        && (String.valueOf(target).equals(port.get("name"))
            || String.valueOf(target).equals(String.valueOf(port.get("containerPort"))));
  }

  private static boolean isHttpPort(Map<String, Object> container, Object port) {
    return list(container.get("ports")).stream()
        .map(YamlDocs::map)
        .filter(p -> "http".equals(p.get("name")))
        .anyMatch(
            p ->
                "http".equals(String.valueOf(port))
                    || String.valueOf(p.get("containerPort")).equals(String.valueOf(port)));
  }

  /** The objects of one rendering, by kind and name. */
  record Rendering(List<Map<String, Object>> objects) {

    /** The NetworkPolicies of a policy type ("Ingress", "Egress") selecting these pods. */
    List<Map<String, Object>> policiesOf(Map<String, Object> podLabels, String type) {
      return selecting("NetworkPolicy", podLabels).stream()
          .filter(p -> list(at(p, "spec", "policyTypes")).contains(type))
          .toList();
    }

    /**
     * Whether pods labelled {@code from} may open the HTTP port of {@code container} in pods
     * labelled {@code to}, by the ingress policies of the target: none (not isolated), or a rule
     * with a peer of this namespace whose podSelector selects the source (or no peers) and that
     * port (or none).
     */
    boolean ingressAdmits(
        Map<String, Object> to, Map<String, Object> container, Map<String, Object> from) {
      List<Map<String, Object>> policies = policiesOf(to, "Ingress");
      return policies.isEmpty()
          || policies.stream()
              .flatMap(p -> list(at(p, "spec", "ingress")).stream())
              .map(YamlDocs::map)
              .anyMatch(rule -> peersAdmit(rule.get("from"), from) && portsAdmit(rule, container));
    }

    /** The same for the source's egress policies, towards pods labelled {@code to}. */
    boolean egressAdmits(
        Map<String, Object> from, Map<String, Object> to, Map<String, Object> container) {
      List<Map<String, Object>> policies = policiesOf(from, "Egress");
      return policies.isEmpty()
          || policies.stream()
              .flatMap(p -> list(at(p, "spec", "egress")).stream())
              .map(YamlDocs::map)
              .anyMatch(rule -> peersAdmit(rule.get("to"), to) && portsAdmit(rule, container));
    }

    private static boolean peersAdmit(Object peers, Map<String, Object> labels) {
      List<Object> list = list(peers);
      return list.isEmpty()
          || list.stream()
              .map(YamlDocs::map)
              .anyMatch(
                  peer ->
                      !peer.containsKey("namespaceSelector")
                          && !peer.containsKey("ipBlock")
                          && peer.containsKey("podSelector")
                          && Selectors.matches(map(peer.get("podSelector")), labels));
    }

    private static boolean portsAdmit(Map<String, Object> rule, Map<String, Object> container) {
      List<Object> ports = list(rule.get("ports"));
      return ports.isEmpty()
          || ports.stream().anyMatch(p -> isHttpPort(container, map(p).get("port")));
    }

    /**
     * Whether an http URL names a Service (by name) and port that sends to this Deployment's pods.
     */
    boolean servesPods(String url, Map<String, Object> deployment) {
      java.net.URI uri;
      try {
        uri = java.net.URI.create(url);
      } catch (IllegalArgumentException e) {
        return false;
      }
      Map<String, Object> service =
          find("Service", Objects.toString(uri.getHost(), "").split("\\.")[0]);
      if (service == null
          || !Selectors.matchesLabels(
              map(at(service, "spec", "selector")), podLabels(deployment))) {
        return false;
      }
      return list(at(service, "spec", "ports")).stream()
          .map(YamlDocs::map)
          .anyMatch(p -> String.valueOf(p.get("port")).equals(String.valueOf(uri.getPort())));
    }

    List<Map<String, Object>> ofKind(String kind) {
      return objects.stream().filter(o -> kind.equals(YamlDocs.kind(o))).toList();
    }

    Map<String, Object> find(String kind, String name) {
      return objects.stream()
          .filter(
              o -> Objects.equals(kind, YamlDocs.kind(o)) && Objects.equals(name, YamlDocs.name(o)))
          .findFirst()
          .orElse(null);
    }

    /**
     * Objects of a kind whose spec.podSelector (NetworkPolicy) or spec.selector selects the labels.
     */
    List<Map<String, Object>> selecting(String kind, Map<String, Object> labels) {
      return ofKind(kind).stream()
          .filter(
              o -> {
                Map<String, Object> spec = map(o.get("spec"));
                Object selector =
                    spec.containsKey("podSelector")
                        ? spec.get("podSelector")
                        : spec.get("selector");
                return Selectors.matches(map(selector), labels);
              })
          .toList();
    }
  }
}
