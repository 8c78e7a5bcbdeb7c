package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.xcaibridge.trust.XuaFixtures.RECIPIENT;
import static org.xcaibridge.trust.XuaFixtures.SUBJECT;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.ExternalTools;

/**
 * The {@code xmlsec1} command (XML Security Library over OpenSSL, Debian package xmlsec1) verifies our
 * signatures: the assertion's against the trusted CA certificate (chain checked by OpenSSL at the test
 * PKI's time), the timestamp's with the signer's certificate, both in the bare block and in the whole
 * SOAP envelope as sent. A changed attribute and a signer from another CA fail it. Skipped on a
 * developer machine without xmlsec1; fails in CI.
 */
class XuaSignaturesVerifyWithXmlsec1Test {
  private static final String ASSERTION_ID_ATTR = "urn:oasis:names:tc:SAML:2.0:assertion:Assertion";
  private static final String TIMESTAMP_ID_ATTR = XuaFixtures.WSU + ":Timestamp";
  private static final String TIME = "2025-06-02 10:00:00"; // XuaTestPki.NOW, read as UTC (TZ below)

  @TempDir
  Path dir;

  @BeforeAll
  static void requireXmlsec1() {
    boolean present = ExternalTools.onPath("xmlsec1");
    String message = "xmlsec1 is not installed: apt-get install -y xmlsec1";
    if (!present && ExternalTools.required()) {
      fail(message + " — required in CI");
    }
    assumeTrue(present, message + " — skipping");
  }

  @BeforeEach
  void pems() throws Exception {
    Files.writeString(dir.resolve("ca.pem"), XuaTestPki.CA.pem());
    Files.writeString(dir.resolve("signer.pem"), XuaTestPki.SIGNER.pem());
  }

  @Test
  void assertionAndTimestampSignaturesVerify() throws Exception {
    Path header = write("header.xml", XuaFixtures.signer().securityHeaderXml(SUBJECT, RECIPIENT));
    assertVerifies(assertion(header));
    assertVerifies(timestamp(header, "/*/*[local-name()='Signature']"));
  }

  @Test
  void signaturesVerifyInsideTheSentEnvelope() throws Exception {
    Path envelope = write("envelope.xml",
        XuaFixtures.envelope(XuaFixtures.signer().securityHeaderXml(SUBJECT, RECIPIENT)));
    assertVerifies(assertion(envelope));
    assertVerifies(timestamp(envelope, "//*[local-name()='Security']/*[local-name()='Signature']"));
  }

  @Test
  void sha1OptionVerifies() throws Exception {
    XuaRecipient old = new XuaRecipient(XuaFixtures.AUDIENCE, XuaRecipient.SignatureSuite.RSA_SHA1,
        XuaRecipient.SubjectIdFormat.URI);
    Path header = write("sha1.xml", XuaFixtures.signer().securityHeaderXml(SUBJECT, old));
    assertVerifies(assertion(header));
    assertVerifies(timestamp(header, "/*/*[local-name()='Signature']"));
  }

  @Test
  void changedAttributeFailsThenTheOriginalVerifies() throws Exception {
    byte[] good = XuaFixtures.signer().securityHeaderXml(SUBJECT, RECIPIENT);
    String xml = new String(good, StandardCharsets.UTF_8);
    assertThat(xml).contains(">Dr. Jane Viewer<");
    Path tampered = write("tampered.xml", xml.replace(">Dr. Jane Viewer<", ">Mallory<").getBytes(StandardCharsets.UTF_8));
    assertFails(assertion(tampered));
    assertVerifies(assertion(write("good.xml", good)));
  }

  @Test
  void signerFromAnotherCaFailsThenOursVerifies() throws Exception {
    XuaSignerConfig foreign = XuaSignerConfig.of(XuaSignerConfig.Issuer.email("gw@elsewhere.example"),
        XuaFixtures.HCID, XuaTestPki.signingKey(XuaTestPki.UNTRUSTED_SIGNER, XuaTestPki.OTHER_CA));
    Path header = write("foreign.xml", XuaFixtures.signer(foreign).securityHeaderXml(SUBJECT, RECIPIENT));
    assertFails(assertion(header));
    assertVerifies(assertion(write("good.xml", XuaFixtures.signer().securityHeaderXml(SUBJECT, RECIPIENT))));
  }

  private List<String> assertion(Path file) {
    return command("--id-attr:ID", ASSERTION_ID_ATTR, "--trusted-pem", dir.resolve("ca.pem").toString(),
        file.toString());
  }

  private List<String> timestamp(Path file, String signatureXPath) {
    return command("--id-attr:Id", TIMESTAMP_ID_ATTR, "--pubkey-cert-pem", dir.resolve("signer.pem").toString(),
        "--node-xpath", signatureXPath, file.toString());
  }

  private static List<String> command(String... args) {
    List<String> c = new ArrayList<>(List.of("env", "TZ=UTC", "xmlsec1", "--verify", "--verification-time", TIME));
    c.addAll(List.of(args));
    return c;
  }

  private Path write(String name, byte[] xml) throws Exception {
    return Files.write(dir.resolve(name), xml);
  }

  private static void assertVerifies(List<String> command) throws Exception {
    ExternalTools.Result r = ExternalTools.run(command, null, 60);
    assertThat(r.exitCode()).as(String.join(" ", command) + "\n" + r.out() + r.stderr()).isZero();
    assertThat(r.out() + r.stderr()).contains("OK").contains("SignedInfo References (ok/all): 1/1");
  }

  private static void assertFails(List<String> command) throws Exception {
    ExternalTools.Result r = ExternalTools.run(command, null, 60);
    assertThat(r.exitCode()).as(r.out() + r.stderr()).isNotZero();
  }
}
