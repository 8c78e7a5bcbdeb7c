package org.xcaibridge.soap;

import java.util.List;
import javax.xml.namespace.QName;

/**
 * A received message has header blocks aimed at us, marked {@code soap:mustUnderstand}, that we do not process
 * (SOAP 1.2 Part 1 §5.2.3): it must not be processed. {@link FaultAnswer#of} answers it with an
 * {@code env:MustUnderstand} fault that names each block in an {@code env:NotUnderstood} header (§5.4.8).
 */
public final class MustUnderstandException extends Exception {
  private final List<QName> notUnderstood;

  public MustUnderstandException(List<QName> notUnderstood) {
    super("header blocks marked mustUnderstand were not understood: " + notUnderstood);
    if (notUnderstood.isEmpty()) {
      throw new IllegalArgumentException("no header block was named");
    }
    this.notUnderstood = List.copyOf(notUnderstood);
  }

  /** The qualified names of those header blocks, in wire order. */
  public List<QName> notUnderstood() {
    return notUnderstood;
  }
}
