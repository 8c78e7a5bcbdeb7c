package org.xcaibridge.trust;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.URIDereferencer;
import javax.xml.crypto.URIReferenceException;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.XMLStructure;
import javax.xml.crypto.dom.DOMStructure;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xcaibridge.trust.XuaRejectedException.Reason;

/**
 * XML DSig with the JDK's {@code javax.xml.crypto} API: enveloped and detached signatures as WS-Security
 * and SAML want them (exclusive c14n, one reference by ID), and their strict verification.
 *
 * <p>Verification trusts nothing the signature says about itself: the caller names the one element that
 * must be signed and the key to check with; the signature must have exactly one reference, whose URI is
 * that element's ID, which resolves (through a dereferencer that refuses every other URI) to that very
 * element object; only exclusive c14n and, for enveloped signatures, the enveloped transform are
 * accepted; secure validation is on (no SHA-1 or MD5, bounded transforms, no duplicate IDs).
 */
final class SamlSignatures {
  private SamlSignatures() {}

  private static final String SECURE_VALIDATION = "org.jcp.xml.dsig.secureValidation";
  private static final Set<String> SIGNATURE_METHODS =
      Set.of(SamlNames.RSA_SHA256, SamlNames.RSA_SHA384, SamlNames.RSA_SHA512);
  private static final Set<String> DIGEST_METHODS =
      Set.of(SamlNames.SHA256, SamlNames.SHA384, SamlNames.SHA512);

  /** The JDK's own provider: its secure validation policy is the one documented in java.security. */
  static XMLSignatureFactory factory() {
    try {
      return XMLSignatureFactory.getInstance("DOM", "XMLDSig");
    } catch (java.security.NoSuchProviderException e) {
      throw new IllegalStateException("the JDK XML DSig provider is missing", e);
    }
  }

  /**
   * Signs {@code target} (whose ID attribute {@code idNs}/{@code idName} has value {@code id}) and
   * inserts the signature into {@code parent} before {@code nextSibling} (appended when null).
   *
   * @param enveloped      whether the signature lies inside the target (adds the enveloped transform)
   * @param chain          certificates for an X509Data in KeyInfo (signer first), or empty
   * @param tokenReference a wsse:SecurityTokenReference for KeyInfo instead, or null
   */
  static void sign(Element target, String idNs, String idName, String id, boolean enveloped, Element parent,
      Node nextSibling, PrivateKey key, XuaRecipient.SignatureSuite suite, List<X509Certificate> chain,
      Element tokenReference) {
    XMLSignatureFactory f = factory();
    try {
      Transform c14n = f.newTransform(SamlNames.EXC_C14N, (TransformParameterSpec) null);
      List<Transform> transforms = enveloped
          ? List.of(f.newTransform(SamlNames.ENVELOPED, (TransformParameterSpec) null), c14n)
          : List.of(c14n);
      Reference ref = f.newReference("#" + id, f.newDigestMethod(suite.digestMethod, null), transforms, null, null);
      SignedInfo si = f.newSignedInfo(
          f.newCanonicalizationMethod(SamlNames.EXC_C14N, (C14NMethodParameterSpec) null),
          f.newSignatureMethod(suite.signatureMethod, null), List.of(ref));
      KeyInfoFactory kf = f.getKeyInfoFactory();
      List<XMLStructure> content = new ArrayList<>();
      if (!chain.isEmpty()) {
        content.add(kf.newX509Data(chain));
      }
      if (tokenReference != null) {
        content.add(new DOMStructure(tokenReference));
      }
      DOMSignContext ctx = nextSibling == null ? new DOMSignContext(key, parent)
          : new DOMSignContext(key, parent, nextSibling);
      ctx.setDefaultNamespacePrefix(SamlNames.P_DS);
      ctx.setIdAttributeNS(target, idNs, idName);
      f.newXMLSignature(si, kf.newKeyInfo(content)).sign(ctx);
      compact((Element) (nextSibling == null ? parent.getLastChild() : nextSibling.getPreviousSibling()));
    } catch (GeneralSecurityException | MarshalException | XMLSignatureException e) {
      throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
    }
  }

  /**
   * Removes the line breaks the JDK puts into base64 values (as CR LF, which serialise as {@code &#13;}).
   * Safe after signing: neither the signature value nor KeyInfo is covered by SignedInfo, and the
   * enveloped transform removes the whole signature from the assertion's digest.
   */
  private static void compact(Element signature) {
    for (String local : new String[] {"SignatureValue", "X509Certificate"}) {
      org.w3c.dom.NodeList nodes = signature.getElementsByTagNameNS(SamlNames.DS, local);
      for (int i = 0; i < nodes.getLength(); i++) {
        Node n = nodes.item(i);
        n.setTextContent(n.getTextContent().replaceAll("\\s", ""));
      }
    }
  }

  /** An unmarshalled signature, ready for its key to be chosen and then verified. */
  static final class Checked {
    final XMLSignature signature;
    final DOMValidateContext context;
    private final Holder holder;

    private Checked(XMLSignature signature, DOMValidateContext context, Holder holder) {
      this.signature = signature;
      this.context = context;
      this.holder = holder;
    }

    KeyInfo keyInfo() {
      return signature.getKeyInfo();
    }

    /**
     * Verifies with {@code key}.
     *
     * @throws XuaRejectedException {@link Reason#BAD_SIGNATURE} when a digest or the signature value does
     *                              not match, {@link Reason#STRUCTURE} when the reference cannot be followed
     */
    void verify(Key key) throws XuaRejectedException {
      holder.key = key;
      boolean valid;
      try {
        valid = signature.validate(context);
      } catch (XMLSignatureException e) {
        throw new XuaRejectedException(Reason.STRUCTURE, "signature cannot be checked: " + rootMessage(e), e);
      }
      if (!valid) {
        throw new XuaRejectedException(Reason.BAD_SIGNATURE, "signature does not verify");
      }
    }
  }

  /**
   * Unmarshals {@code signatureElement} and checks its shape before any cryptography.
   *
   * @param target    the one element the signature may cover
   * @param idNs      namespace of target's ID attribute (null for SAML's unqualified {@code ID})
   * @param idName    local name of the ID attribute
   * @param enveloped whether the enveloped transform is expected (and required)
   */
  static Checked check(Element signatureElement, Element target, String idNs, String idName, boolean enveloped)
      throws XuaRejectedException {
    String id = target.getAttributeNS(idNs, idName);
    if (id.isEmpty()) {
      throw new XuaRejectedException(Reason.STRUCTURE, "signed element " + target.getLocalName() + " has no ID");
    }
    algorithmsBeforeUnmarshalling(signatureElement);
    Holder holder = new Holder();
    DOMValidateContext ctx = new DOMValidateContext(holder, signatureElement);
    ctx.setProperty(SECURE_VALIDATION, Boolean.TRUE);
    // Only the expected element is registered: no other element is reachable by ID.
    ctx.setIdAttributeNS(target, idNs, idName);
    XMLSignatureFactory f = factory();
    ctx.setURIDereferencer(only(f.getURIDereferencer(), "#" + id, target));
    XMLSignature sig;
    try {
      sig = f.unmarshalXMLSignature(ctx);
    } catch (MarshalException e) {
      throw new XuaRejectedException(Reason.STRUCTURE, "signature is malformed: " + rootMessage(e), e);
    }
    SignedInfo si = sig.getSignedInfo();
    if (!SamlNames.EXC_C14N.equals(si.getCanonicalizationMethod().getAlgorithm())) {
      throw new XuaRejectedException(Reason.UNSUPPORTED_ALGORITHM,
          "canonicalization " + si.getCanonicalizationMethod().getAlgorithm() + " is not exclusive c14n");
    }
    if (!SIGNATURE_METHODS.contains(si.getSignatureMethod().getAlgorithm())) {
      throw new XuaRejectedException(Reason.UNSUPPORTED_ALGORITHM,
          "signature method " + si.getSignatureMethod().getAlgorithm() + " is not accepted");
    }
    if (si.getReferences().size() != 1) {
      throw new XuaRejectedException(Reason.STRUCTURE,
          "signature has " + si.getReferences().size() + " references, expected 1");
    }
    if (!sig.getObjects().isEmpty()) {
      throw new XuaRejectedException(Reason.STRUCTURE, "signature carries ds:Object content");
    }
    Reference ref = (Reference) si.getReferences().get(0);
    if (!("#" + id).equals(ref.getURI())) {
      throw new XuaRejectedException(Reason.STRUCTURE,
          "signature reference " + ref.getURI() + " is not the signed element's ID #" + id);
    }
    if (!DIGEST_METHODS.contains(ref.getDigestMethod().getAlgorithm())) {
      throw new XuaRejectedException(Reason.UNSUPPORTED_ALGORITHM,
          "digest method " + ref.getDigestMethod().getAlgorithm() + " is not accepted");
    }
    List<?> transforms = ref.getTransforms();
    List<String> expected = enveloped ? List.of(SamlNames.ENVELOPED, SamlNames.EXC_C14N) : List.of(SamlNames.EXC_C14N);
    if (transforms.size() != expected.size()) {
      throw new XuaRejectedException(Reason.STRUCTURE, "reference has " + transforms.size()
          + " transforms, expected " + expected);
    }
    for (int i = 0; i < expected.size(); i++) {
      String algorithm = ((AlgorithmMethod) transforms.get(i)).getAlgorithm();
      if (!expected.get(i).equals(algorithm)) {
        throw new XuaRejectedException(Reason.STRUCTURE, "transform " + algorithm + " where " + expected.get(i)
            + " was expected");
      }
    }
    return new Checked(sig, ctx, holder);
  }

  /**
   * The JDK refuses weak algorithms while unmarshalling, with a generic error; reading the algorithm
   * URIs first lets the peer hear the WS-Security "unsupported algorithm" code instead.
   */
  private static void algorithmsBeforeUnmarshalling(Element signature) throws XuaRejectedException {
    for (Element si : WsSecurityScan.children(signature)) {
      if (!WsSecurityScan.is(si, SamlNames.DS, "SignedInfo")) {
        continue;
      }
      for (Element e : WsSecurityScan.children(si)) {
        if (WsSecurityScan.is(e, SamlNames.DS, "CanonicalizationMethod")) {
          accept(e, Set.of(SamlNames.EXC_C14N), "canonicalization");
        } else if (WsSecurityScan.is(e, SamlNames.DS, "SignatureMethod")) {
          accept(e, SIGNATURE_METHODS, "signature method");
        } else if (WsSecurityScan.is(e, SamlNames.DS, "Reference")) {
          for (Element d : WsSecurityScan.children(e)) {
            if (WsSecurityScan.is(d, SamlNames.DS, "DigestMethod")) {
              accept(d, DIGEST_METHODS, "digest method");
            }
          }
        }
      }
    }
  }

  private static void accept(Element method, Set<String> accepted, String what) throws XuaRejectedException {
    String algorithm = method.getAttribute("Algorithm");
    if (!accepted.contains(algorithm)) {
      throw new XuaRejectedException(Reason.UNSUPPORTED_ALGORITHM, what + " " + algorithm + " is not accepted");
    }
  }

  /**
   * A dereferencer that follows exactly one same-document URI, and only if the context resolves it to
   * the expected element object; everything else (other IDs, external URIs, XPointer) is refused.
   */
  private static URIDereferencer only(URIDereferencer standard, String uri, Element expected) {
    return (reference, context) -> {
      if (!uri.equals(reference.getURI())) {
        throw new URIReferenceException("reference " + reference.getURI() + " refused");
      }
      Element resolved = ((DOMValidateContext) context).getElementById(uri.substring(1));
      if (resolved != expected) {
        throw new URIReferenceException("reference " + uri + " does not resolve to the signed element");
      }
      return standard.dereference(reference, context);
    };
  }

  /** A key selector whose key is chosen after the KeyInfo has been read and judged. */
  private static final class Holder extends KeySelector {
    Key key;

    @Override
    public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method,
        XMLCryptoContext context) throws javax.xml.crypto.KeySelectorException {
      Key k = key;
      if (k == null) {
        throw new javax.xml.crypto.KeySelectorException("no key chosen");
      }
      return () -> k;
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
