package org.xcaibridge.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The door to writing DICOM: Part 10 files (PS3.10 §7) and bare datasets in Explicit or Implicit VR
 * Little Endian from a {@link Dataset}, and streaming transcoding between the native syntaxes
 * ({@link #transcode}). Sequences and items are written with undefined length; group length elements
 * (gggg,0000) outside the file meta are left out, because they would no longer be true.
 */
public final class DicomWriter {
  /** Our implementation's identity in file meta information (PS3.7 D.3.3.2: a UUID-derived UID). */
  public static final String IMPLEMENTATION_CLASS_UID = "2.25.125095395974563891384983976529830073285";
  public static final String IMPLEMENTATION_VERSION_NAME = "XCAI_BRIDGE_01";

  /** Supplies the bytes of a value the reader left in its source. */
  @FunctionalInterface
  public interface BulkDataSource {
    void copy(DataElement.BulkData element, OutputStream out) throws IOException;
  }

  private static final BulkDataSource NO_SOURCE = (e, out) -> {
    throw new IllegalArgumentException("the value of " + Tag.toString(e.tag()) + " is not in memory and no bulk data source was given");
  };

  private DicomWriter() {}

  /** File meta information for an instance (PS3.10 §7.1), without the group length (computed on writing). */
  public static Dataset fileMeta(String sopClassUid, String sopInstanceUid, TransferSyntax ts) {
    Dataset m = new Dataset();
    m.put(new DataElement.Value(0x00020001, VR.OB, new byte[] {0, 1}));
    m.putString(Tag.MediaStorageSOPClassUID, VR.UI, sopClassUid);
    m.putString(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstanceUid);
    m.putString(Tag.TransferSyntaxUID, VR.UI, ts.uid());
    m.putString(Tag.ImplementationClassUID, VR.UI, IMPLEMENTATION_CLASS_UID);
    m.putString(Tag.ImplementationVersionName, VR.SH, IMPLEMENTATION_VERSION_NAME);
    return m;
  }

  /** File meta for {@code dataset}, taking its SOP Class and Instance UIDs. */
  public static Dataset fileMeta(Dataset dataset, TransferSyntax ts) {
    String cls = dataset.string(Tag.SOPClassUID);
    String inst = dataset.string(Tag.SOPInstanceUID);
    if (cls == null || inst == null) {
      throw new IllegalArgumentException("a Part 10 file needs SOP Class UID and SOP Instance UID in the dataset");
    }
    return fileMeta(cls, inst, ts);
  }

  public static void writeFile(OutputStream out, Dataset dataset, TransferSyntax ts) throws IOException {
    writeFile(out, fileMeta(dataset, ts), dataset, ts, NO_SOURCE);
  }

  /**
   * Writes preamble, file meta (its Transfer Syntax UID set to {@code ts}) and the dataset encoded in
   * {@code ts}, which must be Explicit or Implicit VR Little Endian, or the encapsulated syntax the
   * pixel data already has.
   */
  public static void writeFile(OutputStream out, Dataset fileMeta, Dataset dataset, TransferSyntax ts, BulkDataSource source)
      throws IOException {
    checkWritable(ts, dataset.get(Tag.PixelData));
    DicomOutput o = new DicomOutput(out);
    writePreambleAndMeta(o, fileMeta, ts);
    writeDataset(o, dataset, ts.explicitVr(), source, true);
    o.flush();
  }

  /** Writes a dataset without preamble or meta, as sent in a DIMSE or stored as a bare dataset. */
  public static void writeDataset(OutputStream out, Dataset dataset, TransferSyntax ts) throws IOException {
    checkWritable(ts, dataset.get(Tag.PixelData));
    DicomOutput o = new DicomOutput(out);
    writeDataset(o, dataset, ts.explicitVr(), NO_SOURCE, true);
    o.flush();
  }

  public static byte[] toBytes(Dataset dataset, TransferSyntax ts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try {
      writeFile(b, dataset, ts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  /**
   * Transcodes a Part 10 stream into {@code target} while reading it: Implicit VR LE, Explicit VR LE,
   * Explicit VR BE and Deflated sources into Implicit or Explicit VR LE; an encapsulated source only into
   * its own syntax. Memory stays bounded by one chunk plus one header.
   *
   * @throws UnsupportedTranscodingException before anything is written when the pair is not supported
   */
  public static void transcode(InputStream in, OutputStream out, TransferSyntax target) throws IOException {
    transcode(in, out, target, ReadLimits.DEFAULT);
  }

  public static void transcode(InputStream in, OutputStream out, TransferSyntax target, ReadLimits limits) throws IOException {
    TranscodingHandler h = new TranscodingHandler(new DicomOutput(out), target);
    DicomStreamParser p = new DicomStreamParser(h, limits);
    byte[] chunk = new byte[64 * 1024];
    try {
      for (int n; !p.done() && (n = in.read(chunk)) >= 0; ) {
        p.feed(chunk, 0, n);
      }
      p.end();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.flush();
  }

  /**
   * The push form of {@link #transcode}, for callers that receive the source chunk by chunk and must not
   * block (a non-blocking stream): feed the returned parser the Part 10 bytes in any chunk sizes and call
   * {@link DicomStreamParser#end()} at their end; the target encoding is written to {@code out} as each chunk is
   * parsed. A deflated source may write up to its compression ratio times the bytes fed, so feed it in small
   * chunks. {@link UnsupportedTranscodingException} (an unsupported pair, or no file meta) comes from the feed
   * that completes the file meta group, before anything is written; malformed input fails with a
   * {@link DicomParseException}, and a failing {@code out} with an {@link UncheckedIOException}.
   */
  public static DicomStreamParser transcoder(OutputStream out, TransferSyntax target, ReadLimits limits) {
    return new DicomStreamParser(new TranscodingHandler(new DicomOutput(out), target), limits);
  }

  static void checkWritable(TransferSyntax ts, DataElement pixelData) {
    if (ts.deflated() || ts.bigEndian()) {
      throw new UnsupportedTranscodingException("writing " + ts.name() + " is not supported", null, ts);
    }
    if (pixelData instanceof DataElement.Fragments && !ts.encapsulated()) {
      throw new UnsupportedTranscodingException("encapsulated pixel data cannot be written in " + ts.name()
          + " without decompressing it", null, ts);
    }
    if (ts.encapsulated() && pixelData != null && !(pixelData instanceof DataElement.Fragments)) {
      throw new UnsupportedTranscodingException("native pixel data cannot be written in " + ts.name()
          + " without compressing it", null, ts);
    }
  }

  static void writePreambleAndMeta(DicomOutput o, Dataset fileMeta, TransferSyntax ts) throws IOException {
    Dataset meta = new Dataset();
    for (DataElement e : fileMeta.elements()) {
      if (e.tag() != Tag.FileMetaInformationGroupLength) {
        meta.put(e);
      }
    }
    meta.putString(Tag.TransferSyntaxUID, VR.UI, ts.uid());
    if (!meta.contains(0x00020001)) {
      meta.put(new DataElement.Value(0x00020001, VR.OB, new byte[] {0, 1}));
    }
    ByteArrayOutputStream group = new ByteArrayOutputStream();
    writeDataset(new DicomOutput(group), meta, true, NO_SOURCE, false);
    o.write(new byte[128], 0, 128);
    o.write(new byte[] {'D', 'I', 'C', 'M'}, 0, 4);
    byte[] len = new byte[4];
    Values.writeLe(len, 0, 4, group.size());
    o.value(Tag.FileMetaInformationGroupLength, VR.UL, len, true);
    byte[] g = group.toByteArray();
    o.write(g, 0, g.length);
  }

  private static void writeDataset(DicomOutput o, Dataset ds, boolean explicit, BulkDataSource source, boolean skipMeta)
      throws IOException {
    for (DataElement e : ds.elements()) {
      int tag = e.tag();
      if (skipMeta && Tag.group(tag) == 2 || Tag.isGroupLength(tag) && Tag.group(tag) != 2) {
        continue;
      }
      if (e instanceof DataElement.Value v) {
        o.value(tag, v.vr(), v.bytes(), explicit);
      } else if (e instanceof DataElement.Sequence s) {
          o.startSequence(tag, explicit);
          for (Dataset item : s.items()) {
            o.item(0xFFFFFFFFL);
            writeDataset(o, item, explicit, source, false);
            o.endItem();
          }
          o.endSequence();
      } else if (e instanceof DataElement.Fragments f) {
          o.startUndefined(tag, VR.OB, explicit); // PS3.5 A.4: encapsulated pixel data is always OB
          for (DataElement.Fragment fr : f.fragments()) {
            if (fr.bytes() == null) {
              throw new IllegalArgumentException("fragment at offset " + fr.offset() + " of " + Tag.toString(tag) + " is not in memory");
            }
            o.item(fr.bytes().length);
            o.write(fr.bytes(), 0, fr.bytes().length);
          }
          o.endSequence();
      } else if (e instanceof DataElement.BulkData b) {
          boolean odd = (b.length() & 1) == 1;
          o.header(tag, b.vr(), b.length() + (odd ? 1 : 0), explicit);
          long before = o.written();
          source.copy(b, new OutputStream() {
            @Override
            public void write(int x) throws IOException {
              o.write(new byte[] {(byte) x}, 0, 1);
            }

            @Override
            public void write(byte[] x, int off, int len) throws IOException {
              o.write(x, off, len);
            }
          });
          if (o.written() - before != b.length()) {
            throw new IOException("bulk data source gave " + (o.written() - before) + " bytes for " + Tag.toString(tag)
                + ", expected " + b.length());
          }
          if (odd) {
            o.write(new byte[] {(byte) b.vr().padding()}, 0, 1);
          }
      }
    }
  }
}
