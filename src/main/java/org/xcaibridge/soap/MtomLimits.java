package org.xcaibridge.soap;

/**
 * Bounds on an MTOM/XOP or plain SOAP body received from a peer, checked while it streams.
 *
 * @param maxRootPartBytes   largest root part (the SOAP envelope, or a whole plain SOAP body), in bytes; it is
 *                           the only part held in memory
 * @param maxParts           most MIME parts in one body, root included
 * @param maxPartHeaderBytes largest header block of one part, blank line included (also bounds a preamble and
 *                           the transport padding after a delimiter), in bytes
 * @param maxPartBytes       largest content of one attachment part, in bytes
 */
public record MtomLimits(long maxRootPartBytes, int maxParts, int maxPartHeaderBytes, long maxPartBytes) {
  /**
   * Defaults: a 32 MiB envelope fits ITI-38 responses with hundreds of entries and inline base64 manifests;
   * 4096 parts cover a RAD-69/75 response with one part per instance for a large CT series; part headers of
   * MTOM stacks are a few hundred bytes; 4 GiB covers large multi-frame instances.
   */
  public static final MtomLimits DEFAULT = new MtomLimits(32L << 20, 4096, 8 * 1024, 4L << 30);

  public MtomLimits {
    if (maxRootPartBytes < 1 || maxRootPartBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxRootPartBytes must be between 1 and 2^31-9, was " + maxRootPartBytes);
    }
    if (maxParts < 1) {
      throw new IllegalArgumentException("maxParts must be ≥ 1, was " + maxParts);
    }
    if (maxPartHeaderBytes < 1) {
      throw new IllegalArgumentException("maxPartHeaderBytes must be ≥ 1, was " + maxPartHeaderBytes);
    }
    if (maxPartBytes < 1) {
      throw new IllegalArgumentException("maxPartBytes must be ≥ 1, was " + maxPartBytes);
    }
  }
}
