package org.xcaibridge.responder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.DicomWriter;
import org.xcaibridge.dicom.SyntheticSeries;
import org.xcaibridge.dicom.SyntheticStudies;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.dicom.TransferSyntax;
import org.xcaibridge.dicom.VR;

/**
 * A study of large multi-frame instances written straight to disk: the headers of a generated CT series
 * ({@link SyntheticStudies}) with Number of Frames set, followed by native Pixel Data of pseudo-random frames
 * (512×512×16 bit) from a seeded generator, never held in memory beyond one MiB. The SHA-256 of each file is
 * computed while it is written.
 */
final class LargeStudy {
  static final int FRAME_BYTES = 512 * 512 * 2;
  private static final int BLOCK = 1 << 20;

  private LargeStudy() {}

  /**
   * Writes {@code instances} files of {@code frames} frames each into {@code folder}.
   *
   * @return SHA-256 (hex) of each file by SOP Instance UID, in instance order
   */
  static Map<String, String> write(Path folder, int instances, int frames, long seed) throws IOException {
    SyntheticStudies generator = new SyntheticStudies(new Random(seed),
        Clock.fixed(Instant.parse("2024-05-02T08:00:00Z"), ZoneOffset.UTC));
    SyntheticStudies.Study study = generator.ctChestAbdomen(generator.patient(), instances);
    SyntheticSeries series = study.series().get(0);
    Map<String, String> digests = new LinkedHashMap<>();
    for (int i = 0; i < instances; i++) {
      Dataset ds = SyntheticStudies.instance(study, series, i);
      ds.remove(Tag.PixelData);
      ds.putString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
      ByteArrayOutputStream header = new ByteArrayOutputStream();
      DicomWriter.writeFile(header, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
      digests.put(ds.string(Tag.SOPInstanceUID), writeFile(folder.resolve("frames-" + i + ".dcm"),
          header.toByteArray(), (long) frames * FRAME_BYTES, new SplittableRandom(seed * 31 + i)));
    }
    return digests;
  }

  private static String writeFile(Path file, byte[] header, long pixelBytes, SplittableRandom random)
      throws IOException {
    MessageDigest sha = sha256();
    ByteBuffer block = ByteBuffer.allocate(BLOCK).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      block.put(header);
      // (7FE0,0010) OW, Explicit VR Little Endian: tag, VR, two reserved bytes, 32-bit length
      block.putShort((short) 0x7FE0).putShort((short) 0x0010).put((byte) 'O').put((byte) 'W').putShort((short) 0)
          .putInt((int) pixelBytes);
      long left = pixelBytes;
      while (left > 0) {
        while (block.remaining() >= 8 && left >= 8) {
          block.putLong(random.nextLong());
          left -= 8;
        }
        block.flip();
        sha.update(block.duplicate());
        while (block.hasRemaining()) {
          out.write(block);
        }
        block.clear();
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
