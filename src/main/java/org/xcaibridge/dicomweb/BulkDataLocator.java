package org.xcaibridge.dicomweb;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.xcaibridge.dicom.DicomParserHandler;
import org.xcaibridge.dicom.ElementHeader;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.dicom.ValueAction;

/**
 * Finds one element of an instance by the path its BulkDataURI names ({@code 54000100/0/54001010}: tags from the
 * top level down with the item index between them, as {@link org.xcaibridge.dicom.BulkDataUriBuilder.Path} writes
 * it) while the instance streams past, and writes that element's value — little endian, as the parser hands
 * values over (PS3.18 §8.7.3: bulk data goes out little endian) — to the output. Everything else is skipped, and
 * parsing stops after the value. {@link #found()} completes when the element's header is met, or fails with a
 * 404 when the instance ends without it.
 */
final class BulkDataLocator implements DicomParserHandler {
  private final List<Integer> tags;
  private final List<Integer> items;
  private OutputStream out;
  private final Promise<Long> found = Promise.promise();
  /** The open sequences: their tags and the index of their current item. */
  private final List<Integer> openTags = new ArrayList<>();
  private final List<Integer> openItems = new ArrayList<>();
  private boolean streaming;
  private boolean done;

  private BulkDataLocator(List<Integer> tags, List<Integer> items) {
    this.tags = tags;
    this.items = items;
  }

  /** Where the value goes; set before parsing starts. */
  BulkDataLocator into(OutputStream out) {
    this.out = out;
    return this;
  }

  /**
   * Parses a bulk data path; a malformed one is a 400. Item indexes are written from 0, as the JSON writer
   * counts them.
   */
  static BulkDataLocator forPath(String path) {
    String[] parts = path.split("/", -1);
    List<Integer> tags = new ArrayList<>();
    List<Integer> items = new ArrayList<>();
    if (parts.length % 2 == 0) {
      throw bad(path);
    }
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (i % 2 == 0) {
        if (p.length() != 8 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
          throw bad(path);
        }
        tags.add((int) Long.parseLong(p, 16));
      } else {
        if (p.isEmpty() || p.length() > 9 || !p.chars().allMatch(Character::isDigit)) {
          throw bad(path);
        }
        items.add(Integer.parseInt(p));
      }
    }
    return new BulkDataLocator(List.copyOf(tags), List.copyOf(items));
  }

  private static DicomWebException bad(String path) {
    return new DicomWebException.BadRequest("bulkdata", "'" + path + "' is not a bulk data path (eight hex digits per"
        + " tag, item numbers between them: 7FE00010, 54000100/0/54001010)");
  }

  /** True when the path names top-level Pixel Data (native, float or double float). */
  boolean pixelData() {
    int t = tags.get(0);
    return tags.size() == 1 && (t == Tag.PixelData || t == Tag.FloatPixelData || t == Tag.DoubleFloatPixelData);
  }

  /** Completes with the value's length when the element is met; fails (404) if the instance has none there. */
  Future<Long> found() {
    return found.future();
  }

  /** The instance could not be read up to the element: what {@link #found()} then fails with. */
  void failed(Throwable e) {
    found.tryFail(e);
  }

  @Override
  public ValueAction element(ElementHeader h) {
    if (done) {
      return ValueAction.STOP;
    }
    if (!at(h.tag())) {
      return ValueAction.SKIP;
    }
    found.tryComplete(h.length());
    if (h.length() == 0) {
      done = true;
      return ValueAction.SKIP;
    }
    streaming = true;
    return ValueAction.STREAM;
  }

  /** Whether an element with {@code tag} met now is the one the path names. */
  private boolean at(int tag) {
    if (openTags.size() != tags.size() - 1 || tag != tags.get(tags.size() - 1)) {
      return false;
    }
    for (int i = 0; i < openTags.size(); i++) {
      if (!openTags.get(i).equals(tags.get(i)) || !openItems.get(i).equals(items.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void value(ElementHeader h, byte[] bytes, int offset, int length, boolean last) {
    if (!streaming) {
      return;
    }
    try {
      out.write(bytes, offset, length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (last) {
      streaming = false;
      done = true;
    }
  }

  @Override
  public void startSequence(ElementHeader h) {
    if (!done && at(h.tag())) {
      found.tryFail(new DicomWebException.NotFound("the bulk data path names a sequence, which has no bulk data"));
      done = true;
    }
    openTags.add(h.tag());
    openItems.add(-1);
  }

  @Override
  public void startItem(long offset, long length) {
    int last = openItems.size() - 1;
    if (last >= 0) {
      openItems.set(last, openItems.get(last) + 1);
    }
  }

  @Override
  public void endItem() {
    // the index stays until the next item or the sequence's end
  }

  @Override
  public void endSequence() {
    openTags.remove(openTags.size() - 1);
    openItems.remove(openItems.size() - 1);
  }

  @Override
  public ValueAction startFragments(ElementHeader h) {
    if (!done && at(h.tag())) {
      found.tryFail(new DicomWebException.NotFound("the element is encapsulated pixel data: ask for its frames"));
      done = true;
      return ValueAction.STOP;
    }
    return done ? ValueAction.STOP : ValueAction.SKIP;
  }

  @Override
  public void fragment(ElementHeader fragment) {}

  @Override
  public void endFragments() {}

  @Override
  public void end() {
    found.tryFail(new DicomWebException.NotFound("the instance has no bulk data at " + describe()));
  }

  private String describe() {
    StringBuilder sb = new StringBuilder(Tag.hex(tags.get(0)));
    for (int i = 0; i < items.size(); i++) {
      sb.append('/').append(items.get(i)).append('/').append(Tag.hex(tags.get(i + 1)));
    }
    return sb.toString();
  }
}
