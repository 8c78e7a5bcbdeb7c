package org.xcaibridge.soap;

import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * What the header of a received envelope said.
 *
 * @param addressing     the WS-Addressing headers
 * @param security       the first {@code wsse:Security} header block aimed at us, copied out as a
 *                       standalone DOM element (it declares every namespace in scope); this package
 *                       checks nothing in it: the trust work validates it
 * @param blocks         the names of all header blocks, in wire order
 * @param notUnderstood  header blocks aimed at us with {@code soap:mustUnderstand} true that this package
 *                       does not process (neither WS-Addressing nor WS-Security); a responder answers
 *                       them with a MustUnderstand fault (SOAP 1.2 Part 1 §5.4.8)
 */
public record SoapHeaders(Addressing addressing, Optional<Element> security, List<QName> blocks,
    List<QName> notUnderstood) {

  public SoapHeaders {
    java.util.Objects.requireNonNull(addressing, "addressing");
    java.util.Objects.requireNonNull(security, "security");
    blocks = List.copyOf(blocks);
    notUnderstood = List.copyOf(notUnderstood);
  }

  public boolean hasSecurity() {
    return security.isPresent();
  }

  /**
   * Checks that nothing must be understood that this package does not process; a responder calls it before it
   * processes the body (SOAP 1.2 Part 1 §5.2.3) and answers the exception with {@link FaultAnswer#of}.
   */
  public void requireUnderstood() throws MustUnderstandException {
    if (!notUnderstood.isEmpty()) {
      throw new MustUnderstandException(notUnderstood);
    }
  }
}
