package org.xcaibridge.dicom;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A {@link DicomParserHandler} that builds a {@link DicomFile} in memory, as {@link ReadOptions} say. */
final class DatasetCollector implements DicomParserHandler {
  private final ReadOptions options;
  private final Dataset meta = new Dataset();
  private final Dataset root = new Dataset();
  private final ArrayDeque<Dataset> datasets = new ArrayDeque<>();
  private final ArrayDeque<List<Dataset>> sequences = new ArrayDeque<>();
  private List<DataElement.Fragment> fragments;
  private TransferSyntax syntax;
  private boolean ended;

  DatasetCollector(ReadOptions options) {
    this.options = options;
    datasets.push(root);
  }

  DicomFile result() {
    if (!ended) {
      throw new IllegalStateException("the input has not ended");
    }
    return new DicomFile(meta, root, syntax);
  }

  @Override
  public void transferSyntax(TransferSyntax ts) {
    syntax = ts;
  }

  private static boolean isPixelData(int tag) {
    return tag == Tag.PixelData || tag == Tag.FloatPixelData || tag == Tag.DoubleFloatPixelData;
  }

  @Override
  public ValueAction element(ElementHeader h) {
    if (h.depth() == 0 && isPixelData(h.tag())) {
      switch (options.pixelData()) {
        case STOP:
          return ValueAction.STOP;
        case SKIP:
          bulk(h);
          return ValueAction.SKIP;
        default:
          return ValueAction.KEEP;
      }
    }
    if (h.vr().isBulk() && h.length() > options.bulkDataThreshold()) {
      bulk(h);
      return ValueAction.SKIP;
    }
    return ValueAction.KEEP;
  }

  private void bulk(ElementHeader h) {
    datasets.peek().put(new DataElement.BulkData(h.tag(), h.vr(), h.valueOffset(), h.length(), h.bigEndian()));
  }

  @Override
  public void value(ElementHeader h, byte[] b, int off, int len, boolean last) {
    byte[] v = Arrays.copyOfRange(b, off, off + len);
    if (fragments != null) {
      DataElement.Fragment f = fragments.get(fragments.size() - 1);
      fragments.set(fragments.size() - 1, new DataElement.Fragment(f.offset(), f.length(), v));
    } else if (Tag.group(h.tag()) == 2 && h.depth() == 0) {
      meta.put(new DataElement.Value(h.tag(), h.vr(), v));
    } else {
      datasets.peek().put(new DataElement.Value(h.tag(), h.vr(), v));
    }
  }

  @Override
  public void startSequence(ElementHeader h) {
    List<Dataset> items = new ArrayList<>();
    datasets.peek().put(new DataElement.Sequence(h.tag(), h.vr(), items));
    sequences.push(items);
  }

  @Override
  public void startItem(long offset, long length) {
    Dataset item = new Dataset(datasets.peek());
    sequences.peek().add(item);
    datasets.push(item);
  }

  @Override
  public void endItem() {
    datasets.pop();
  }

  @Override
  public void endSequence() {
    sequences.pop();
  }

  @Override
  public ValueAction startFragments(ElementHeader h) {
    boolean pixel = h.depth() == 0 && isPixelData(h.tag());
    if (pixel && options.pixelData() == ReadOptions.PixelDataAction.STOP) {
      return ValueAction.STOP;
    }
    fragments = new ArrayList<>();
    datasets.peek().put(new DataElement.Fragments(h.tag(), h.vr(), fragments));
    return pixel && options.pixelData() == ReadOptions.PixelDataAction.SKIP ? ValueAction.SKIP : ValueAction.KEEP;
  }

  @Override
  public void fragment(ElementHeader f) {
    fragments.add(new DataElement.Fragment(f.valueOffset(), f.length(), null));
  }

  @Override
  public void endFragments() {
    fragments = null;
  }

  @Override
  public void end() {
    ended = true;
  }
}
