package org.xcaibridge.soap;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * One MTOM attachment as a stream: what {@link MtomStreamReader} hands on for each non-root part, and what
 * {@link MtomWriter} takes for each part to send.
 *
 * @param contentId   the Content-ID without angle brackets; an {@code xop:Include href} names it as
 *                    {@code cid:} + {@link MtomWriter#hrefOf(String)} (see {@link MtomReader#contentIdOf(String)})
 * @param contentType the part's Content-Type (e.g. {@code application/dicom}); null when a received part has none
 * @param body        the part's content
 */
public record MtomAttachment(String contentId, String contentType, ReadStream<Buffer> body) {}
