/**
 * Running the bridge: {@link org.xcaibridge.ops.Main} (the bridge on its embedded default, the {@code responder}
 * command, the offline sub-commands), the command-line options, the configuration and, as the bridge grows,
 * health, readiness and metrics.
 *
 * <p>Configuration: {@code conf/application.yaml} read as plain data ({@code YamlSource}), overridden by
 * {@code XCAI_…} environment variables and then by options ({@code ConfigLoader}, {@code ConfigSchema}), validated
 * into immutable records ({@link org.xcaibridge.ops.BridgeConfig} and its sections) with every problem named by
 * its key path ({@link org.xcaibridge.ops.ConfigException}). Start-up ({@code Launcher}): the work directory, the
 * demo community generated once ({@code DemoCommunity}), the responder's archive and gateway, then the bridge
 * ({@code BridgeCore}: the study core over the communities — in demo mode the embedded responder —, the cache and
 * the locator under the work directory; demo patients located once) and its front ({@code BridgeServer}: the
 * DICOMweb routes, probes and metrics; behind {@code TokenDoor} when {@code frontDoor} configures bearer tokens,
 * else on loopback only); with {@code --secure}, the secure demo ({@code SecureDemo}: a test PKI,
 * two-way TLS, signed assertions, audit).
 *
 * <p>Running in production (issue 8): {@code /health/live} ({@code EventLoopProbe}), {@code /health/ready}
 * ({@code Health}, {@code ReadinessChecks}), {@code /metrics} ({@link org.xcaibridge.ops.BridgeMetrics}, Micrometer
 * Prometheus), the request gate and drain on SIGTERM ({@code RequestGate}, {@code Shutdown}), request log lines
 * with correlation ids ({@code RequestLog}, {@code LogFormat}), TLS files reloaded when they change
 * ({@code TlsReloader}), and the communities from the configuration and the Carequality directory
 * ({@code CommunityRoster}). The manifests in {@code k8s/} are checked against these routes and keys by a test.
 *
 * <p>May import every other package; nothing imports this one (architecture.md, package table).
 */
package org.xcaibridge.ops;
