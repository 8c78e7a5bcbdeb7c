package org.xcaibridge.dicom;

/**
 * A parsed instance: its file meta information (empty for a bare dataset), its dataset and the
 * transfer syntax the dataset was encoded in. For deflated syntaxes the offsets recorded in bulk data
 * and fragments refer to the inflated stream.
 */
public record DicomFile(Dataset fileMeta, Dataset dataset, TransferSyntax transferSyntax) {
  /** The top-level pixel data element (native, bulk or encapsulated), or null. */
  public DataElement pixelData() {
    DataElement e = dataset.get(Tag.PixelData);
    if (e == null) {
      e = dataset.get(Tag.FloatPixelData);
    }
    if (e == null) {
      e = dataset.get(Tag.DoubleFloatPixelData);
    }
    return e;
  }
}
