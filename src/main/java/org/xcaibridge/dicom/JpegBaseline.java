package org.xcaibridge.dicom;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * JPEG Baseline (ISO 10918-1 process 1, 8-bit, Huffman) encoding of grayscale frames with the JDK's
 * ImageIO writer, and their encapsulation as DICOM pixel data (PS3.5 §A.4: a Basic Offset Table item,
 * then one fragment per frame, each of even length).
 */
final class JpegBaseline {
  private JpegBaseline() {}

  /** Encodes one 8-bit grayscale frame; {@code quality} in (0, 1]. Uses memory only, never a cache file. */
  static byte[] encode(byte[] pixels, int rows, int cols, float quality) {
    if (pixels.length != rows * cols) {
      throw new IllegalArgumentException("a " + rows + "×" + cols + " frame has " + rows * cols + " pixels, got " + pixels.length);
    }
    if (!(quality > 0 && quality <= 1)) {
      throw new IllegalArgumentException("quality must be in (0, 1], was " + quality);
    }
    BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
    byte[] raster = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    System.arraycopy(pixels, 0, raster, 0, pixels.length);
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    if (!writers.hasNext()) {
      throw new IllegalStateException("this JDK has no ImageIO JPEG writer");
    }
    ImageWriter w = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(pixels.length / 4);
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam p = w.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(quality);
      w.setOutput(out);
      w.write(null, new IIOImage(img, null, null), p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      w.dispose();
    }
    return bytes.toByteArray();
  }

  /**
   * Pixel data for encoded frames: the Basic Offset Table lists where each frame's fragment starts,
   * counted from the first byte of the first fragment's item tag; odd fragments get one trailing zero
   * (after the JPEG end-of-image marker, where decoders stop reading).
   */
  static DataElement.Fragments encapsulate(List<byte[]> frames) {
    List<DataElement.Fragment> fragments = new ArrayList<>(frames.size() + 1);
    byte[] table = new byte[4 * frames.size()];
    List<byte[]> padded = new ArrayList<>(frames.size());
    long offset = 0;
    for (int i = 0; i < frames.size(); i++) {
      byte[] f = frames.get(i);
      byte[] even = (f.length & 1) == 0 ? f : java.util.Arrays.copyOf(f, f.length + 1);
      padded.add(even);
      Values.writeLe(table, 4 * i, 4, offset);
      offset += 8 + even.length;
    }
    fragments.add(new DataElement.Fragment(8, table.length, table)); // offsets relative to the first item tag
    long at = 8 + table.length;
    for (byte[] f : padded) {
      fragments.add(new DataElement.Fragment(at + 8, f.length, f));
      at += 8 + f.length;
    }
    return new DataElement.Fragments(Tag.PixelData, VR.OB, fragments);
  }
}
