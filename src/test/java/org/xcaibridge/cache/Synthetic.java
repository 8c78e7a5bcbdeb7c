package org.xcaibridge.cache;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.DicomWriter;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.dicom.TransferSyntax;
import org.xcaibridge.dicom.VR;

/**
 * Synthetic Part 10 instances that are never held in memory whole: a header written by {@link DicomWriter}
 * and native 8-bit pixel data computed from the key and the position, so any byte can be regenerated.
 */
final class Synthetic {
  static final String ROOT = "1.2.826.0.1.3680043.10.543.";
  static final String SECONDARY_CAPTURE_MULTIFRAME = "1.2.840.10008.5.1.4.1.1.7.2";

  private Synthetic() {}

  static InstanceKey key(int study, int series, int instance) {
    return new InstanceKey(ROOT + study, ROOT + study + "." + series, ROOT + study + "." + series + "." + instance);
  }

  /** One instance: its header, then a Pixel Data (OB) element of rows × columns × frames bytes. */
  record Instance(InstanceKey key, byte[] header, int rows, int columns, int frames) {
    long pixelBytes() {
      return (long) rows * columns * frames;
    }

    long length() {
      return header.length + 12 + pixelBytes();
    }

    long pixelOffset() {
      return header.length + 12;
    }

    /** Copies the instance's bytes at {@code position} into {@code dst}. */
    void fill(long position, byte[] dst, int off, int len) {
      long seed = key.hashCode() * 0x9E3779B97F4A7C15L;
      long block = -1;
      long word = 0;
      for (int i = 0; i < len; i++) {
        long p = position + i;
        if (p < header.length) {
          dst[off + i] = header[(int) p];
        } else if (p < pixelOffset()) {
          dst[off + i] = pixelElementHeader()[(int) (p - header.length)];
        } else {
          long q = p - pixelOffset();
          if (q >>> 3 != block) {
            block = q >>> 3;
            word = mix(seed + block);
          }
          dst[off + i] = (byte) (word >>> ((q & 7) * 8));
        }
      }
    }

    byte[] pixelElementHeader() {
      long n = pixelBytes();
      return new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0, 0,
          (byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)};
    }

    byte[] bytes() {
      byte[] b = new byte[Math.toIntExact(length())];
      fill(0, b, 0, b.length);
      return b;
    }

    byte[] frame(int n) {
      int size = rows * columns;
      byte[] b = new byte[size];
      fill(pixelOffset() + (long) (n - 1) * size, b, 0, size);
      return b;
    }

    /** SHA-256 of all bytes, computed chunk by chunk. */
    String sha256() {
      MessageDigest d = sha();
      byte[] chunk = new byte[1 << 20];
      for (long p = 0; p < length(); p += chunk.length) {
        int n = (int) Math.min(chunk.length, length() - p);
        fill(p, chunk, 0, n);
        d.update(chunk, 0, n);
      }
      return HexFormat.of().formatHex(d.digest());
    }

    /** The instance as an upstream would send it: see {@link ChunkStream}. */
    ChunkStream stream(Vertx vertx, int chunkBytes, long bytesPerMillisecond) {
      return new ChunkStream(vertx, length(), this::fill, chunkBytes, bytesPerMillisecond);
    }
  }

  static Instance instance(InstanceKey key, int rows, int columns, int frames) {
    Dataset d = new Dataset();
    d.putString(Tag.SOPClassUID, VR.UI, SECONDARY_CAPTURE_MULTIFRAME);
    d.putString(Tag.SOPInstanceUID, VR.UI, key.sopInstanceUid());
    d.putString(Tag.StudyInstanceUID, VR.UI, key.studyInstanceUid());
    d.putString(Tag.SeriesInstanceUID, VR.UI, key.seriesInstanceUid());
    d.putString(Tag.Modality, VR.CS, "OT");
    d.putString(Tag.PatientID, VR.LO, "CACHE-TEST");
    d.putInt(Tag.SamplesPerPixel, VR.US, 1);
    d.putString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    d.putString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
    d.putInt(Tag.Rows, VR.US, rows);
    d.putInt(Tag.Columns, VR.US, columns);
    d.putInt(Tag.BitsAllocated, VR.US, 8);
    d.putInt(Tag.BitsStored, VR.US, 8);
    d.putInt(0x00280102, VR.US, 7); // High Bit
    d.putInt(Tag.PixelRepresentation, VR.US, 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      DicomWriter.writeFile(out, d, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (((long) rows * columns * frames) % 2 != 0) {
      throw new IllegalArgumentException("pixel data must have an even length");
    }
    return new Instance(key, out.toByteArray(), rows, columns, frames);
  }

  static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] b) {
    return HexFormat.of().formatHex(sha().digest(b));
  }

  /** The SHA-256 of {@code instance}'s bytes, hashed a chunk at a time. */
  static String sha256(Instance instance) {
    MessageDigest expected = sha();
    byte[] chunk = new byte[1 << 16];
    for (long p = 0; p < instance.length(); p += chunk.length) {
      int n = (int) Math.min(chunk.length, instance.length() - p);
      instance.fill(p, chunk, 0, n);
      expected.update(chunk, 0, n);
    }
    return HexFormat.of().formatHex(expected.digest());
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Source of a stream's bytes by position. */
  interface Filler {
    void fill(long position, byte[] dst, int off, int len);
  }

  /** A byte array as an upstream sends it, in chunks of {@code chunkBytes}. */
  static ReadStream<Buffer> bytes(Vertx vertx, byte[] b, int chunkBytes) {
    return new ChunkStream(vertx, b.length, (p, dst, off, len) -> System.arraycopy(b, (int) p, dst, off, len),
        chunkBytes, 0);
  }
}
