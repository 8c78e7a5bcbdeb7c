package org.xcaibridge.trust;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import javax.xml.stream.XMLStreamWriter;
import org.xcaibridge.soap.BodyWriter;
import org.xcaibridge.soap.SecurityHeader;
import org.xcaibridge.soap.SoapWriter;

/**
 * What XUA costs per request (bench/xua-signing.sh): building a complete ITI-38 SOAP request with a
 * signed wsse:Security block (signing on) against the same request without it (signing off), in the
 * same JVM, rounds interleaved; plus signing alone, the responder's validation and two bare RSA
 * signatures for scale. One thread, real clock and random ids, a 2048-bit RSA key from a PKCS#12
 * store. Prints medians over the rounds.
 *
 * <p>Arguments: rounds (default 5), seconds per mode and round (default 2), warm-up seconds (default 3).
 */
public final class XuaSigningBench {
  private XuaSigningBench() {}

  private static final String QUERY = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";
  private static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";

  /** A FindDocuments query for one patient, as the bridge sends it (protocol.md §2). */
  private static final BodyWriter ITI38_BODY = w -> {
    w.writeStartElement("query", "AdhocQueryRequest", QUERY);
    w.writeNamespace("query", QUERY);
    w.writeNamespace("rim", RIM);
    w.writeStartElement("query", "ResponseOption", QUERY);
    w.writeAttribute("returnComposedObjects", "true");
    w.writeAttribute("returnType", "LeafClass");
    w.writeEndElement();
    w.writeStartElement("rim", "AdhocQuery", RIM);
    w.writeAttribute("id", "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d");
    w.writeAttribute("home", "urn:oid:1.3.6.1.4.1.21367.13.70.201");
    slot(w, "$XDSDocumentEntryPatientId", "'PID-42^^^&1.2.840.99999.2&ISO'");
    slot(w, "$XDSDocumentEntryStatus", "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')");
    slot(w, "$XDSDocumentEntryFormatCode", "('1.2.840.10008.5.1.4.1.1.88.59^^1.2.840.10008.2.6.1')");
    w.writeEndElement();
    w.writeEndElement();
  };

  private static void slot(XMLStreamWriter w, String name, String value) throws javax.xml.stream.XMLStreamException {
    w.writeStartElement("rim", "Slot", RIM);
    w.writeAttribute("name", name);
    w.writeStartElement("rim", "ValueList", RIM);
    w.writeStartElement("rim", "Value", RIM);
    w.writeCharacters(value);
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndElement();
  }

  @FunctionalInterface
  private interface Op {
    int run() throws Exception; // returns a size, so the work cannot be optimised away
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
    double warmup = args.length > 2 ? Double.parseDouble(args[2]) : 3;

    XuaSignerConfig config = XuaSignerConfig.of(XuaSignerConfig.Issuer.email("gateway@test.example"),
        XuaFixtures.HCID, XuaTestPki.signingKey(XuaTestPki.SIGNER, XuaTestPki.CA));
    Clock clock = Clock.systemUTC();
    XuaSigner signer = new XuaSigner(config, clock, UUID::randomUUID);
    SoapWriter soap = new SoapWriter(UUID::randomUUID);
    XuaRecipient recipient = XuaRecipient.of(XuaFixtures.AUDIENCE);
    // The test PKI is dated around XuaTestPki.NOW; the validator checks the chain at the clock's time.
    XuaValidator validator = new XuaValidator(XuaValidatorConfig.of(Set.of(XuaTestPki.CA.certificate()),
        Set.of(XuaFixtures.AUDIENCE)), XuaFixtures.at(XuaTestPki.NOW));
    XuaSigner signerAtPkiTime = new XuaSigner(config, XuaFixtures.at(XuaTestPki.NOW), UUID::randomUUID);
    byte[] toValidate = XuaFixtures.envelope(signerAtPkiTime.securityHeaderXml(XuaFixtures.SUBJECT, recipient));

    java.security.PrivateKey rsaKey = config.key().privateKey();
    byte[] kib = new byte[1024];
    String[] names = {"request, signing off", "request, signing on", "signing only (wsse:Security)",
        "responder validation", "2 × bare RSA-SHA256 (JCA, 1 KiB)"};
    Op[] ops = {
        () -> soap.request(XuaFixtures.ITI38, XuaFixtures.AUDIENCE, SecurityHeader.none(), ITI38_BODY).envelope().length,
        () -> soap.request(XuaFixtures.ITI38, XuaFixtures.AUDIENCE,
            signer.securityHeader(XuaFixtures.SUBJECT, recipient), ITI38_BODY).envelope().length,
        () -> signer.securityHeaderXml(XuaFixtures.SUBJECT, recipient).length,
        () -> validator.validate(XuaFixtures.received(toValidate)).id().length(),
        () -> rsa(rsaKey, kib) + rsa(rsaKey, kib)};

    machine();
    System.out.printf(Locale.ROOT, "request bytes: %d unsigned, %d signed%n%n", ops[0].run(), ops[1].run());
    for (Op op : ops) {
      measure(op, warmup / ops.length); // warm-up, discarded
    }
    double[][] perOpMicros = new double[ops.length][rounds];
    double[][] perSecond = new double[ops.length][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < ops.length; i++) { // interleaved, so drift hits every mode alike
        double[] m = measure(ops[i], seconds);
        perOpMicros[i][r] = m[0];
        perSecond[i][r] = m[1];
      }
    }
    System.out.printf(Locale.ROOT, "%-34s %14s %12s %12s%n", "mode (1 thread, " + rounds + " rounds)",
        "median µs/op", "median op/s", "time × off");
    double off = median(perOpMicros[0]);
    for (int i = 0; i < ops.length; i++) {
      System.out.printf(Locale.ROOT, "%-34s %14.1f %12.0f %11.1fx%n", names[i], median(perOpMicros[i]),
          median(perSecond[i]), median(perOpMicros[i]) / off);
    }
    System.out.printf(Locale.ROOT, "%nsigning cost per request (on − off, medians): %.1f µs%n",
        median(perOpMicros[1]) - median(perOpMicros[0]));
  }

  /** A bare JCA signature: what the two XML signatures cost at least, for scale on a busy machine. */
  private static int rsa(java.security.PrivateKey key, byte[] data) throws Exception {
    java.security.Signature s = java.security.Signature.getInstance("SHA256withRSA");
    s.initSign(key);
    s.update(data);
    return s.sign().length;
  }

  /** Runs {@code op} for about {@code seconds}; returns the median µs per call and calls per second. */
  private static double[] measure(Op op, double seconds) throws Exception {
    List<Long> times = new ArrayList<>();
    long sink = 0;
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long now = start;
    while (now < end) {
      long t0 = System.nanoTime();
      sink += op.run();
      now = System.nanoTime();
      times.add(now - t0);
    }
    if (sink == 42) {
      System.out.print("");
    }
    double[] micros = times.stream().mapToDouble(t -> t / 1e3).toArray();
    return new double[] {median(micros), times.size() / ((now - start) / 1e9)};
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static void machine() throws Exception {
    String cpu = "unknown";
    Path info = Path.of("/proc/cpuinfo");
    if (Files.isReadable(info)) {
      cpu = Files.readAllLines(info).stream().filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
    }
    System.out.printf(Locale.ROOT, "machine: %s, %d cores visible to the JVM, %s %s%n", cpu,
        Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"));
    System.out.printf(Locale.ROOT, "java: %s (%s), max heap %d MiB%n", System.getProperty("java.version"),
        System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() >> 20);
  }
}
