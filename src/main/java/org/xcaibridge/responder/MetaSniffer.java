package org.xcaibridge.responder;

import java.nio.charset.StandardCharsets;
import org.xcaibridge.dicom.DicomParseException;
import org.xcaibridge.dicom.DicomParserHandler;
import org.xcaibridge.dicom.DicomStreamParser;
import org.xcaibridge.dicom.ElementHeader;
import org.xcaibridge.dicom.ReadLimits;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.dicom.TransferSyntax;
import org.xcaibridge.dicom.ValueAction;

/**
 * Reads the start of a Part 10 file or bare dataset only as far as the first dataset element: enough to know its
 * transfer syntax (from the file meta, or guessed as {@link DicomStreamParser} guesses for a bare dataset) and
 * whether it is a DICOMDIR. Fed chunk by chunk, so it works on a stream as well as on a file's first bytes. The
 * first 132 bytes must look like DICOM ({@link HeaderReader#notDicom}) before anything is parsed: a bare dataset
 * has no signature, and any text would otherwise parse as an Implicit VR element.
 */
final class MetaSniffer implements DicomParserHandler {
  /** The meta group has a few short elements; a header read for it never needs more. */
  static final ReadLimits LIMITS = new ReadLimits(8, 64 * 1024);

  private static final int SIGNATURE_BYTES = 132;

  private final DicomStreamParser parser = new DicomStreamParser(this, LIMITS);
  private final byte[] start = new byte[SIGNATURE_BYTES];
  private int startLength;
  private boolean checked;
  private String mediaStorageSopClassUid;
  private boolean reachedDataset;

  /**
   * Feeds bytes; true once the dataset's first element was reached (nothing more is needed).
   *
   * @throws DicomParseException when the bytes are not DICOM
   */
  boolean feed(byte[] b, int off, int len) {
    if (reachedDataset || parser.done()) {
      return reachedDataset;
    }
    if (!checked) {
      int n = Math.min(len, SIGNATURE_BYTES - startLength);
      System.arraycopy(b, off, start, startLength, n);
      startLength += n;
      off += n;
      len -= n;
      if (startLength < SIGNATURE_BYTES) {
        return false;
      }
      check();
    }
    if (len > 0 && !reachedDataset && !parser.done()) {
      parser.feed(b, off, len);
    }
    return reachedDataset;
  }

  /** The input ended: a short one is checked and parsed as far as it goes. */
  void finish() {
    if (!checked) {
      check();
    }
  }

  private void check() {
    checked = true;
    String notDicom = HeaderReader.notDicom(start, startLength);
    if (notDicom != null) {
      throw new DicomParseException(notDicom, 0);
    }
    parser.feed(start, 0, startLength);
  }

  boolean reachedDataset() {
    return reachedDataset;
  }

  /** The dataset's syntax, or null when not known yet. */
  TransferSyntax transferSyntax() {
    return parser.transferSyntax();
  }

  /** Media Storage SOP Class UID (0002,0002), or null. */
  String mediaStorageSopClassUid() {
    return mediaStorageSopClassUid;
  }

  boolean isDicomDir() {
    return ArchiveTags.MEDIA_STORAGE_DIRECTORY.equals(mediaStorageSopClassUid);
  }

  @Override
  public ValueAction element(ElementHeader header) {
    if (Tag.group(header.tag()) == 0x0002) {
      return header.tag() == Tag.MediaStorageSOPClassUID ? ValueAction.KEEP : ValueAction.SKIP;
    }
    reachedDataset = true;
    return ValueAction.STOP;
  }

  @Override
  public void value(ElementHeader header, byte[] bytes, int offset, int length, boolean last) {
    if (header.tag() == Tag.MediaStorageSOPClassUID) {
      mediaStorageSopClassUid = new String(bytes, offset, length, StandardCharsets.US_ASCII).replace("\0", "").trim();
    }
  }

  @Override
  public void startSequence(ElementHeader header) {
    reachedDataset = true;
  }

  @Override
  public void startItem(long offset, long length) {}

  @Override
  public void endItem() {}

  @Override
  public void endSequence() {}

  @Override
  public ValueAction startFragments(ElementHeader header) {
    reachedDataset = true;
    return ValueAction.STOP;
  }

  @Override
  public void fragment(ElementHeader fragment) {}

  @Override
  public void endFragments() {}
}
