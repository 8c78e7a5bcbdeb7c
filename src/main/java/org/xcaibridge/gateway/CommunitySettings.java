package org.xcaibridge.gateway;

import java.time.Duration;
import java.util.Objects;
import org.xcaibridge.ihe.IheReadLimits;
import org.xcaibridge.soap.MtomLimits;

/**
 * How the bridge talks to one community: timeouts, batch size and the bounds on what an answer may make us
 * hold. Validated when built; every limit names its unit.
 *
 * @param connectTimeout             TCP connect plus TLS handshake
 * @param firstByteTimeout           from the request having been sent to the response's status line
 * @param idleTimeout                longest silence while we are reading (between chunks of the envelope or of
 *                                   an attachment the consumer is asking for); silence while our consumer
 *                                   holds the stream paused does not count
 * @param callTimeout                the whole answer of a bounded call (ITI-55, ITI-38, ITI-39); a RAD-75
 *                                   stream has no overall limit, only the idle one
 * @param maxDocumentRequestsPerCall most DocumentRequests in one RAD-75 (or ITI-39) call; bigger requests are
 *                                   split into consecutive calls (Carequality peers have per-gateway batch
 *                                   limits, protocol.md §9.2 pitfall 10)
 * @param maxRetrievedDocumentBytes  most bytes of documents one ITI-39 answer may make us buffer, all
 *                                   documents together (manifests are kilobytes)
 * @param mtomLimits                 bounds on each answer's MIME framing and SOAP envelope
 * @param readLimits                 bounds on what the IHE models keep
 */
public record CommunitySettings(Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout,
    Duration callTimeout, int maxDocumentRequestsPerCall, long maxRetrievedDocumentBytes, MtomLimits mtomLimits,
    IheReadLimits readLimits) {

  /**
   * 5 s to connect (a loopback or LAN peer answers in milliseconds, a distant one in well under a second), 30 s to
   * the first byte (a responding gateway may fan out to its own sources first), 20 s idle, 60 s per bounded call,
   * 100 DocumentRequests per call, 64 MiB of ITI-39 documents.
   */
  public static final CommunitySettings DEFAULT = new CommunitySettings(Duration.ofSeconds(5),
      Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofSeconds(60), 100, 64L << 20, MtomLimits.DEFAULT,
      IheReadLimits.DEFAULT);

  public CommunitySettings {
    positive(connectTimeout, "connectTimeout");
    positive(firstByteTimeout, "firstByteTimeout");
    positive(idleTimeout, "idleTimeout");
    positive(callTimeout, "callTimeout");
    if (maxDocumentRequestsPerCall < 1) {
      throw new IllegalArgumentException("maxDocumentRequestsPerCall must be ≥ 1, was " + maxDocumentRequestsPerCall);
    }
    if (maxRetrievedDocumentBytes < 1 || maxRetrievedDocumentBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxRetrievedDocumentBytes must be between 1 and 2^31-9 bytes, was "
          + maxRetrievedDocumentBytes);
    }
    Objects.requireNonNull(mtomLimits, "mtomLimits");
    Objects.requireNonNull(readLimits, "readLimits");
  }

  public CommunitySettings withTimeouts(Duration connect, Duration firstByte, Duration idle, Duration call) {
    return new CommunitySettings(connect, firstByte, idle, call, maxDocumentRequestsPerCall,
        maxRetrievedDocumentBytes, mtomLimits, readLimits);
  }

  public CommunitySettings withMaxDocumentRequestsPerCall(int max) {
    return new CommunitySettings(connectTimeout, firstByteTimeout, idleTimeout, callTimeout, max,
        maxRetrievedDocumentBytes, mtomLimits, readLimits);
  }

  public CommunitySettings withMaxRetrievedDocumentBytes(long max) {
    return new CommunitySettings(connectTimeout, firstByteTimeout, idleTimeout, callTimeout,
        maxDocumentRequestsPerCall, max, mtomLimits, readLimits);
  }

  private static void positive(Duration d, String name) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
    }
    if (d.toMillis() < 1) {
      throw new IllegalArgumentException(name + " must be at least 1 ms, was " + d);
    }
  }
}
