package org.xcaibridge.soap;

/**
 * The header of one body part of a {@code multipart/related} body, as far as MTOM needs it.
 *
 * @param index                   zero-based position in wire order
 * @param contentId               Content-ID without its angle brackets (RFC 2392 {@code addr-spec}), or null if absent
 * @param contentType             the Content-Type header value as sent (trimmed), or null if absent
 * @param contentTransferEncoding the Content-Transfer-Encoding in lower case; {@code "7bit"} when absent
 *                                (RFC 2045 §6.1), otherwise one of the identity encodings
 */
public record MultipartPart(int index, String contentId, String contentType, String contentTransferEncoding) {}
