package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xcaibridge.dicom.ExternalTools;

/**
 * An independent reader of the Prometheus text format: the official Python client's parser
 * ({@code prometheus_client.parser}, Debian package python3-prometheus-client). Skips locally when it is missing,
 * fails in CI.
 */
final class PrometheusText {
  private static final String SCRIPT = String.join("\n",
      "import sys, json",
      "from prometheus_client.parser import text_string_to_metric_families",
      "out = []",
      "for fam in text_string_to_metric_families(sys.stdin.read()):",
      "    for s in fam.samples:",
      "        out.append({'family': fam.name, 'type': fam.type, 'name': s.name, 'labels': s.labels,",
      "                    'value': repr(float(s.value))})",
      "print(json.dumps(out))");

  /** One sample as the parser read it. */
  record Sample(String family, String type, String name, Map<String, Object> labels, double value) {
    boolean has(String label, String v) {
      return v.equals(labels.get(label));
    }
  }

  private PrometheusText() {}

  /** Python's repr of a float: {@code nan} and {@code inf} spelled its way. */
  private static double number(String repr) {
    switch (repr) {
      case "nan":
        return Double.NaN;
      case "inf":
        return Double.POSITIVE_INFINITY;
      case "-inf":
        return Double.NEGATIVE_INFINITY;
      default:
        return Double.parseDouble(repr);
    }
  }

  static void requireParser() throws Exception {
    boolean present = ExternalTools.run(List.of(ExternalTools.PYTHON, "-c", "import prometheus_client.parser"),
        null, 60).exitCode() == 0;
    String message = "prometheus_client is not installed: apt-get install -y python3-prometheus-client";
    if (!present && ExternalTools.required()) {
      fail(message + " — required in CI");
    }
    assumeTrue(present, message + " — skipping");
  }

  /** Every sample of the exposition; the parser refusing the text fails the test with its message. */
  static List<Sample> parse(String exposition) throws Exception {
    requireParser();
    ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.PYTHON, "-c", SCRIPT),
        exposition.getBytes(StandardCharsets.UTF_8), 120);
    assertThat(r.exitCode()).as("prometheus_client refused the exposition: %s", r.stderr()).isZero();
    List<Sample> out = new ArrayList<>();
    for (Object o : new JsonArray(r.out())) {
      JsonObject s = (JsonObject) o;
      out.add(new Sample(s.getString("family"), s.getString("type"), s.getString("name"),
          s.getJsonObject("labels").getMap(), number(s.getString("value"))));
    }
    return out;
  }

  /** The sum of the samples named {@code name} that carry every label pair of {@code labels} (name, value, ...). */
  static double sum(List<Sample> samples, String name, String... labels) {
    return samples.stream().filter(s -> {
      if (!s.name().equals(name)) {
        return false;
      }
      for (int i = 0; i < labels.length; i += 2) {
        if (!s.has(labels[i], labels[i + 1])) {
          return false;
        }
      }
      return true;
    }).mapToDouble(Sample::value).sum();
  }
}
