package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch writer of a download: pieces of every size (a byte, exactly the staging buffer, one byte over it, much
 * larger, pieces that fill the staging buffer to the byte), on the heap or in direct memory (mixed at random), land
 * in the file where they belong, in order, behind
 * what is already there, and the running CRC32C equals one computed over the same bytes at once.
 */
class StagedWritesKeepEveryByteInPlaceTest {
  @TempDir
  Path temp;

  @Test
  void piecesOfEverySizeLandInPlaceWithTheirChecksum() throws Exception {
    int s = StagedWrites.STAGING_BYTES;
    int[][] batches = {{1}, {s}, {s + 1}, {3 * s + 17}, {s - 5, 5, 1}, {s / 2, s / 2, s / 2}, {29_000, 31_000, 64 << 10},
        {7, 3 * s, 7}, {}, {64 << 10, 48 << 10, 1, 64 << 10, 64 << 10, 17, 64 << 10, 64 << 10, 64 << 10, 5}};
    Random random = new Random(6);
    Path file = temp.resolve("entry.tmp");
    Files.write(file, new byte[] {9, 9, 9}); // a batch goes behind what is already written
    byte[] expected = {9, 9, 9};
    long at = 3;
    CRC32C crc = new CRC32C();
    CRC32C reference = new CRC32C();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      for (int[] sizes : batches) {
        List<ByteBuffer> pieces = new ArrayList<>();
        for (int size : sizes) {
          byte[] b = new byte[size + 10];
          random.nextBytes(b);
          ByteBuffer piece = ByteBuffer.wrap(b, 5, size).slice(); // a view into a larger array, as heap pieces are
          if (random.nextInt(3) == 0) { // or in direct memory, as a network read (runs of them go as one write)
            piece = ByteBuffer.allocateDirect(size + 3).position(3).slice().put(piece).flip();
          }
          pieces.add(piece);
          int from = expected.length;
          expected = Arrays.copyOf(expected, from + size);
          System.arraycopy(b, 5, expected, from, size);
          reference.update(b, 5, size);
        }
        at = StagedWrites.write(ch, pieces.toArray(ByteBuffer[]::new), pieces.size(), at, crc);
        assertThat(at).isEqualTo(expected.length);
        assertThat(pieces).allSatisfy(p -> assertThat(p.hasRemaining()).isFalse());
      }
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(expected);
    assertThat(crc.getValue()).isEqualTo(reference.getValue());
  }
}
