package org.xcaibridge.cache;

/**
 * An upstream stream that can be stopped for good. When a download fails (a full disk, an instance the store
 * refuses, the store closing, a failed series), the cache cancels the upstream stream that fed it, so that its
 * connection is released rather than left open and paused: a stream implementing this interface gets
 * {@link #cancel}; an {@code HttpClientResponse} has its request reset (an HTTP/1.x connection is closed), an
 * {@code AsyncFile} or a {@code NetSocket} is closed; any other stream can only be paused. A gateway whose
 * upstream is, say, one attachment of a SOAP response implements this to reset that response.
 */
@FunctionalInterface
public interface Cancellable {
  /** Stops the stream and releases what carries it; called once, on the cache's context. */
  void cancel(Throwable cause);
}
