package org.xcaibridge.soap;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;
import javax.xml.namespace.QName;

/** Plain SOAP bodies with inline base64 documents, and a recorder of what {@link MtomReader} makes of them. */
final class InlineBase64Bodies {
  static final String XDS = "urn:ihe:iti:xds-b:2007";
  static final QName DOCUMENT = new QName(XDS, "Document");
  static final String CONTENT_TYPE = "application/soap+xml; charset=UTF-8";

  private InlineBase64Bodies() {}

  static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  /**
   * A RetrieveDocumentSetResponse envelope, one DocumentResponse per document, each Document's content made by
   * {@code text} from the document's bytes (plain base64, with line breaks, wrapped in CDATA, …).
   */
  static String envelope(List<byte[]> documents, Function<byte[], String> text) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\" "
        + "xmlns:wsa=\"http://www.w3.org/2005/08/addressing\"><soap:Header>"
        + "<wsa:Action soap:mustUnderstand=\"true\">urn:ihe:iti:2007:CrossGatewayRetrieveResponse</wsa:Action>"
        + "<wsa:RelatesTo>urn:uuid:1</wsa:RelatesTo></soap:Header><soap:Body>"
        + "<xdsb:RetrieveDocumentSetResponse xmlns:xdsb=\"" + XDS + "\">"
        + "<rs:RegistryResponse xmlns:rs=\"urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0\" "
        + "status=\"urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success\"/>");
    for (int i = 0; i < documents.size(); i++) {
      sb.append("<xdsb:DocumentResponse><xdsb:HomeCommunityId>urn:oid:1.2.3</xdsb:HomeCommunityId>")
          .append("<xdsb:RepositoryUniqueId>1.2.3.4</xdsb:RepositoryUniqueId>")
          .append("<xdsb:DocumentUniqueId>1.2.3.4.").append(i + 1).append("</xdsb:DocumentUniqueId>")
          .append("<xdsb:mimeType>application/dicom</xdsb:mimeType>")
          .append("<xdsb:Document>").append(text.apply(documents.get(i))).append("</xdsb:Document>")
          .append("</xdsb:DocumentResponse>");
    }
    return sb.append("</xdsb:RetrieveDocumentSetResponse></soap:Body></soap:Envelope>").toString();
  }

  static String base64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  /** Base64 in MIME lines of 76 characters with CRLF (RFC 2045 §6.8), as some stacks write it. */
  static String mimeLines(byte[] b) {
    return Base64.getMimeEncoder().encodeToString(b);
  }

  /** Everything {@link MtomReader} reported: the root, and each attachment with its bytes' SHA-256 and size. */
  static final class Recorder implements MtomReader.Listener {
    record Doc(MultipartPart part, String sha256, long size, boolean ended) {}

    byte[] root;
    boolean end;
    final List<Doc> docs = new ArrayList<>();
    private MultipartPart part;
    private MessageDigest sha;
    private long size;

    @Override
    public void root(MultipartPart p, byte[] envelope) {
      root = envelope;
    }

    @Override
    public void attachmentStart(MultipartPart p) {
      part = p;
      sha = MtomTestStreams.newSha256();
      size = 0;
    }

    @Override
    public void attachmentBody(ByteBuffer slice) {
      size += slice.remaining();
      sha.update(slice);
    }

    @Override
    public void attachmentEnd() {
      docs.add(new Doc(part, MtomTestStreams.hex(sha.digest()), size, true));
      part = null;
    }

    @Override
    public void end() {
      end = true;
    }

    /** The attachment begun but not ended (cut or refused), or null. */
    MultipartPart open() {
      return part;
    }

    long openBytes() {
      return size;
    }

    String rootText() {
      return new String(root, StandardCharsets.UTF_8);
    }
  }

  /** Reads {@code body} fed in the given chunk sizes (cycled), or whole when none are given. */
  static Recorder read(byte[] body, MtomLimits limits, int... sizes) {
    Recorder r = new Recorder();
    MtomReader reader = MtomReader.create(CONTENT_TYPE, limits, java.util.Set.of(DOCUMENT), r);
    feed(reader, body, sizes);
    reader.finish();
    return r;
  }

  static void feed(MtomReader reader, byte[] body, int... sizes) {
    int pos = 0;
    int k = 0;
    while (pos < body.length) {
      int n = sizes.length == 0 ? body.length : Math.min(sizes[k++ % sizes.length], body.length - pos);
      reader.feed(body, pos, n);
      pos += n;
    }
  }

  /** Chunk sizes from 1 to {@code max}, seeded. */
  static int[] randomSizes(long seed, int max) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] s = new int[997];
    for (int i = 0; i < s.length; i++) {
      s[i] = 1 + r.nextInt(max);
    }
    return s;
  }
}
