package org.xcaibridge.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes each element as the parser reports it, in the target syntax: the streaming half of
 * {@link DicomWriter#transcode}. The file meta group is collected (it is small) and rewritten with the
 * target Transfer Syntax UID once the source syntax is known.
 */
final class TranscodingHandler implements DicomParserHandler {
  private final DicomOutput out;
  private final TransferSyntax target;
  private final Dataset meta = new Dataset();
  private boolean started;

  TranscodingHandler(DicomOutput out, TransferSyntax target) {
    this.out = out;
    this.target = target;
  }

  @Override
  public void transferSyntax(TransferSyntax source) {
    boolean sameSyntax = source.uid().equals(target.uid());
    if (!sameSyntax && (source.encapsulated() || target.encapsulated())) {
      throw new UnsupportedTranscodingException("cannot transcode " + source.name() + " to " + target.name()
          + ": only native syntaxes are converted, compressed pixel data is passed through unchanged", source, target);
    }
    DicomWriter.checkWritable(target, null);
    if (meta.string(Tag.MediaStorageSOPInstanceUID) == null) {
      throw new UnsupportedTranscodingException("the input has no file meta information to rewrite", source, target);
    }
    io(() -> DicomWriter.writePreambleAndMeta(out, meta, target));
    started = true;
  }

  @Override
  public ValueAction element(ElementHeader h) {
    if (!started) {
      return ValueAction.KEEP;
    }
    if (Tag.isGroupLength(h.tag())) {
      return ValueAction.SKIP;
    }
    boolean odd = (h.length() & 1) == 1;
    io(() -> out.header(h.tag(), h.vr(), h.length() + (odd ? 1 : 0), target.explicitVr()));
    if (h.length() == 0) {
      return ValueAction.SKIP;
    }
    return ValueAction.STREAM;
  }

  @Override
  public void value(ElementHeader h, byte[] b, int off, int len, boolean last) {
    if (!started) {
      meta.put(new DataElement.Value(h.tag(), h.vr(), java.util.Arrays.copyOfRange(b, off, off + len)));
      return;
    }
    io(() -> {
      out.write(b, off, len);
      if (last && (h.length() & 1) == 1 && h.vr() != null) {
        out.write(new byte[] {(byte) h.vr().padding()}, 0, 1);
      }
    });
  }

  @Override
  public void startSequence(ElementHeader h) {
    io(() -> out.startSequence(h.tag(), target.explicitVr()));
  }

  @Override
  public void startItem(long offset, long length) {
    io(() -> out.item(0xFFFFFFFFL));
  }

  @Override
  public void endItem() {
    io(out::endItem);
  }

  @Override
  public void endSequence() {
    io(out::endSequence);
  }

  @Override
  public ValueAction startFragments(ElementHeader h) {
    io(() -> out.startUndefined(h.tag(), VR.OB, true)); // PS3.5 A.4: encapsulated pixel data is always OB
    return ValueAction.STREAM;
  }

  @Override
  public void fragment(ElementHeader f) {
    io(() -> out.item(f.length()));
  }

  @Override
  public void endFragments() {
    io(out::endSequence);
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private static void io(IoAction a) {
    try {
      a.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
