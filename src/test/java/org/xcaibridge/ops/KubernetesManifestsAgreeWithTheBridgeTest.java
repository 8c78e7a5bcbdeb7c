package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.trust.PkiFiles;
import org.xcaibridge.trust.PkiGenerator;
import org.xcaibridge.trust.PkiSettings;
import org.yaml.snakeyaml.Yaml;

/**
 * Every manifest under {@code k8s/} parses into the Kubernetes API's typed model (fabric8 kubernetes-model, with no
 * field left unrecognised), the kustomization lists exactly them, and they agree with the application: the probes
 * hit routes the front serves on the port the ConfigMap's configuration listens on, that configuration loads with
 * our loader, and the paths it names are the mounts (Secret read-only, cache on an emptyDir at least as large as
 * the cache), direct memory and heap fit the memory limit, the grace periods nest, the viewer proxies /dicomweb to
 * the bridge, and egress is open only toward the configured gateways' ports and DNS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesManifestsAgreeWithTheBridgeTest {
  private static final Path K8S = Path.of("k8s");
  @TempDir
  static Path temp;
  private final Map<String, HasMetadata> byKind = new HashMap<>();
  private final List<HasMetadata> all = new ArrayList<>();
  private final List<ConfigMap> configMaps = new ArrayList<>();
  private BridgeConfig config;
  private Deployment deployment;
  private PodSpec pod;
  private Container bridge;

  @BeforeAll
  void parse() throws Exception {
    KubernetesSerialization k8s = new KubernetesSerialization();
    try (Stream<Path> files = Files.list(K8S)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        if (f.getFileName().toString().equals("kustomization.yaml")) {
          continue;
        }
        try (InputStream in = Files.newInputStream(f)) {
          HasMetadata r = k8s.unmarshal(in);
          assertThat(r).as("%s parses into a typed resource", f).isNotNull();
          assertThat((Map<?, ?>) r.getClass().getMethod("getAdditionalProperties").invoke(r))
              .as("%s: unknown top-level fields", f).isEmpty();
          all.add(r);
          if (r instanceof ConfigMap cm) {
            configMaps.add(cm);
          } else {
            byKind.put(r.getKind(), r);
          }
        }
      }
    }
    deployment = (Deployment) byKind.get("Deployment");
    pod = deployment.getSpec().getTemplate().getSpec();
    bridge = pod.getInitContainers().stream().filter(c -> c.getName().equals("bridge")).findFirst().orElseThrow();
    Path yaml = temp.resolve("application.yaml");
    Files.writeString(yaml, configMap("xcai-bridge-config").getData().get("application.yaml"));
    // The xua: key is the tls: Secret's pair, which is not mounted here: a generated pair stands in for it,
    // given the way an operator would override a key (environment), so the rest of the ConfigMap loads as is.
    PkiFiles pki = PkiGenerator.ensure(temp.resolve("pki"), PkiSettings.demo(), Clock.systemUTC(), new SecureRandom());
    config = ConfigLoader.load(yaml, true, Map.of(
        "XCAI_XUA_CERTIFICATE", pki.file(PkiFiles.CLIENT_CHAIN).toString(),
        "XCAI_XUA_PRIVATE_KEY", pki.file(PkiFiles.CLIENT_KEY).toString()), List.of()).config();
  }

  private ConfigMap configMap(String name) {
    return configMaps.stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void theKustomizationListsEveryManifest() throws Exception {
    Map<String, Object> k = new Yaml().load(Files.readString(K8S.resolve("kustomization.yaml")));
    assertThat(k.get("kind")).isEqualTo("Kustomization");
    List<String> files;
    try (Stream<Path> s = Files.list(K8S)) {
      files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
          .toList();
    }
    @SuppressWarnings("unchecked")
    List<String> resources = (List<String>) k.get("resources");
    assertThat(resources).containsExactlyInAnyOrderElementsOf(files);
    assertThat(all).extracting(HasMetadata::getKind).contains("Deployment", "Service", "PodDisruptionBudget",
        "NetworkPolicy", "ConfigMap");
  }

  @Test
  void noFieldIsUnknownToTheModel() {
    List<Container> containers = new ArrayList<>(pod.getContainers());
    containers.addAll(pod.getInitContainers());
    assertThat(deployment.getSpec().getAdditionalProperties()).isEmpty();
    assertThat(pod.getAdditionalProperties()).isEmpty();
    for (Container c : containers) {
      assertThat(c.getAdditionalProperties()).as(c.getName()).isEmpty();
      for (Probe p : new Probe[] {c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe()}) {
        if (p != null) {
          assertThat(p.getAdditionalProperties()).isEmpty();
          assertThat(p.getHttpGet().getAdditionalProperties()).isEmpty();
        }
      }
      c.getVolumeMounts().forEach(m -> assertThat(m.getAdditionalProperties()).isEmpty());
    }
    pod.getVolumes().forEach(v -> assertThat(v.getAdditionalProperties()).as(v.getName()).isEmpty());
  }

  @Test
  void theBridgeIsANativeSidecarProbedOnItsOwnRoutes() {
    assertThat(bridge.getRestartPolicy()).isEqualTo("Always");
    ContainerPort http = bridge.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow();
    assertThat(http.getContainerPort()).isEqualTo(config.front().port());
    assertThat(config.front().host()).as("reachable by the kubelet's probes").isEqualTo("0.0.0.0");
    assertThat(bridge.getStartupProbe().getHttpGet().getPath()).isEqualTo(OpsRuntime.LIVE_PATH);
    assertThat(bridge.getLivenessProbe().getHttpGet().getPath()).isEqualTo(OpsRuntime.LIVE_PATH);
    assertThat(bridge.getReadinessProbe().getHttpGet().getPath()).isEqualTo(OpsRuntime.READY_PATH);
    for (Probe p : List.of(bridge.getStartupProbe(), bridge.getLivenessProbe(), bridge.getReadinessProbe())) {
      assertThat(portOf(bridge, p.getHttpGet().getPort())).isEqualTo(config.front().port());
    }
    assertThat(OpsRuntime.PROBE_PATHS).contains(OpsRuntime.LIVE_PATH, OpsRuntime.READY_PATH);
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/path", OpsRuntime.METRICS_PATH)
        .containsEntry("prometheus.io/port", Integer.toString(config.front().port()));
  }

  @Test
  void theMountsAreWhereTheConfigurationLooks() {
    List<String> args = bridge.getArgs();
    Path configFile = Path.of(args.get(args.indexOf("--config") + 1));
    VolumeMount configMount = mountAt(configFile.getParent());
    assertThat(configMount.getReadOnly()).isTrue();
    assertThat(volume(configMount).getConfigMap().getName()).isEqualTo("xcai-bridge-config");
    assertThat(configMap("xcai-bridge-config").getData()).containsKey(configFile.getFileName().toString());

    VolumeMount tls = mountAt(config.tls().directory());
    assertThat(tls.getReadOnly()).as("the Secret is mounted read-only").isTrue();
    assertThat(volume(tls).getSecret()).isNotNull();

    VolumeMount cache = mountAt(config.cache().directory());
    Quantity limit = volume(cache).getEmptyDir().getSizeLimit();
    assertThat(limit).as("the cache is on an emptyDir with a size limit").isNotNull();
    assertThat(Quantity.getAmountInBytes(limit)).isGreaterThan(BigDecimal.valueOf(config.cache().maxSize().bytes()));
    assertThat(volume(mountAt(config.workDir())).getEmptyDir()).isNotNull();
    assertThat(config.audit().spool(config.workDir()).startsWith(config.workDir()))
        .as("the audit spool is on the writable work volume").isTrue();
    assertThat(bridge.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
  }

  @Test
  void memoryAndGraceFit() {
    String options = bridge.getEnv().stream().filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS")).findFirst()
        .orElseThrow().getValue();
    long direct = jvmSize(options, "-XX:MaxDirectMemorySize=");
    long heap = jvmSize(options, "-Xmx");
    long limit = Quantity.getAmountInBytes(bridge.getResources().getLimits().get("memory")).longValueExact();
    assertThat(direct).as("direct memory is bounded").isPositive();
    assertThat(heap + direct).as("heap + direct memory leave room under the limit").isLessThan(limit * 85 / 100);
    long preStop = bridge.getLifecycle().getPreStop().getSleep().getSeconds();
    assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
        .isGreaterThan(preStop + config.lifecycle().shutdownGrace().toSeconds());
  }

  @Test
  void theViewerProxiesDicomwebToTheBridgeAndTheServiceAndBudgetSelectThePod() {
    String nginx = configMap("xcai-viewer-nginx").getData().get("default.conf");
    assertThat(nginx).contains("location " + config.front().basePath() + "/")
        .contains("proxy_pass http://127.0.0.1:" + config.front().port() + ";").contains("proxy_buffering off");
    Container viewer = pod.getContainers().get(0);
    Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    Service service = (Service) byKind.get("Service");
    assertThat(labels).containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(portOf(viewer, service.getSpec().getPorts().get(0).getTargetPort())).isPositive();
    assertThat(nginx).contains("listen " + portOf(viewer, service.getSpec().getPorts().get(0).getTargetPort()));
    PodDisruptionBudget pdb = (PodDisruptionBudget) byKind.get("PodDisruptionBudget");
    assertThat(labels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
    assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isLessThan(deployment.getSpec().getReplicas());
  }

  @Test
  void egressGoesOnlyToDnsAndTheGatewaysPorts() {
    NetworkPolicy np = (NetworkPolicy) byKind.get("NetworkPolicy");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(np.getSpec().getPodSelector().getMatchLabels());
    assertThat(np.getSpec().getPolicyTypes()).contains("Egress");
    for (NetworkPolicyEgressRule rule : np.getSpec().getEgress()) {
      assertThat(rule.getTo()).as("no egress rule open to everywhere").isNotEmpty();
      assertThat(rule.getPorts()).as("every egress rule names its ports").isNotEmpty();
      for (NetworkPolicyPeer peer : rule.getTo()) {
        if (peer.getIpBlock() != null) {
          assertThat(peer.getIpBlock().getCidr()).doesNotEndWith("/0");
        }
      }
    }
    List<Integer> ports = np.getSpec().getEgress().stream().flatMap(r -> r.getPorts().stream())
        .map(p -> p.getPort().getIntVal()).toList();
    assertThat(config.communities()).isNotEmpty();
    for (CommunityConfig c : config.communities()) {
      for (URI u : List.of(c.iti38Url(), c.iti39Url(), c.rad75Url())) {
        assertThat(ports).contains(u.getPort() < 0 ? ("https".equals(u.getScheme()) ? 443 : 80) : u.getPort());
      }
    }
    assertThat(ports).contains(53);
    assertThat(config.audit()).as("the ConfigMap audits").isNotNull();
    assertThat(ports).as("the audit record repository's port").contains(config.audit().port());
  }

  private VolumeMount mountAt(Path path) {
    return bridge.getVolumeMounts().stream().filter(m -> Path.of(m.getMountPath()).equals(path)).findFirst()
        .orElseThrow(() -> new AssertionError("nothing is mounted at " + path));
  }

  private Volume volume(VolumeMount m) {
    return pod.getVolumes().stream().filter(v -> v.getName().equals(m.getName())).findFirst().orElseThrow();
  }

  private static int portOf(Container c, IntOrString port) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return c.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).findFirst()
        .map(ContainerPort::getContainerPort).orElse(-1);
  }

  private static long jvmSize(String options, String flag) {
    Matcher m = Pattern.compile(Pattern.quote(flag) + "([0-9]+)([kKmMgG]?)").matcher(options);
    assertThat(m.find()).as("%s in %s", flag, options).isTrue();
    long n = Long.parseLong(m.group(1));
    switch (m.group(2).toLowerCase()) {
      case "k":
        return n << 10;
      case "m":
        return n << 20;
      case "g":
        return n << 30;
      default:
        return n;
    }
  }
}
