/**
 * The bridge's cache: a crash-safe instance store on disk and a metadata cache in memory, so that a
 * repeated retrieval never crosses the network again.
 *
 * <p>The door is {@link org.xcaibridge.cache.InstanceStore}. Instances (keyed by Study, Series and SOP
 * Instance UID) are written while their bytes stream in from upstream, to a temporary file that is
 * checksummed and renamed into place only when complete, with their frame offset table and a header summary
 * beside the Part 10 bytes in the same file; fsynced before the rename, or (when the start-up scan checks every
 * entry's checksum, the default) in batches once no download runs ({@code EntrySync}). Concurrent requests for one
 * instance or one series share one upstream retrieval; late joiners read what has arrived and then follow the
 * download, taking what is not on disk yet from memory; one who comes just after an instance was stored reads it
 * through the writer's channel, kept open a moment for that ({@code RecentFiles}), not by opening the entry anew.
 * A byte budget evicts whole entries (least recently used first); a reader holding an evicted file keeps
 * reading it (POSIX unlink semantics). {@link org.xcaibridge.cache.MetadataCache} keeps query results,
 * KOS manifests, compressed series metadata and short-lived negative answers, bounded in bytes.
 *
 * <p>Serving: {@link org.xcaibridge.cache.InstanceStream#sendTo(io.vertx.core.http.HttpServerRequest)} puts an
 * instance into an HTTP/1.x response as file regions the kernel sends without a copy (sendfile(2)), between
 * the caller's multipart headers (the front's WADO-RS answers go this way); other responses get pooled direct
 * buffers. It reaches one step below Vert.x's
 * public API (its HTTP/1.x connection class), because the public {@code sendFile} must be a whole response.
 *
 * <p>Blocking file work (writes, fsync, directory scans, deletes, chunked reads) runs on the store's worker
 * executor, never on an event loop.
 *
 * <p>May import: {@code org.xcaibridge.dicom}, the JDK, Vert.x core and Caffeine (architecture.md,
 * package table).
 */
package org.xcaibridge.cache;
