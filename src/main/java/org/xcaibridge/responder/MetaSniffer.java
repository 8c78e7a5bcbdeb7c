package org.xcaibridge.responder;

import java.nio.charset.StandardCharsets;
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
 * whether it is a DICOMDIR. Fed chunk by chunk, so it works on a stream as well as on a file's first bytes.
 */
final class MetaSniffer implements DicomParserHandler {
  /** The meta group has a few short elements; a header read for it never needs more. */
  static final ReadLimits LIMITS = new ReadLimits(8, 64 * 1024);

  private final DicomStreamParser parser = new DicomStreamParser(this, LIMITS);
  private String mediaStorageSopClassUid;
  private boolean reachedDataset;

  /**
   * Feeds bytes; true once the dataset's first element was reached (nothing more is needed).
   *
   * @throws org.xcaibridge.dicom.DicomParseException when the bytes are not DICOM
   */
  boolean feed(byte[] b, int off, int len) {
    if (!reachedDataset && !parser.done()) {
      parser.feed(b, off, len);
    }
    return reachedDataset;
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
