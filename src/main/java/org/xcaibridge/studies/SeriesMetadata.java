package org.xcaibridge.studies;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.xcaibridge.cache.InstanceKey;
import org.xcaibridge.cache.InstanceStore;
import org.xcaibridge.cache.InstanceSummary;
import org.xcaibridge.dicom.DataElement;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.DicomJsonOptions;
import org.xcaibridge.dicom.DicomJsonWriter;
import org.xcaibridge.dicom.TransferSyntax;
import org.xcaibridge.dicom.VR;

/**
 * A series' WADO-RS metadata (PS3.18 §10.4, DICOM JSON per Annex F): one object per instance, in manifest order,
 * built from the headers of the cached instances (the series is retrieved first when it is not all cached), kept
 * deflated in the metadata cache. Each object has the instance's attributes up to Pixel Data, without File Meta
 * Information; Pixel Data and binary values longer than {@link StudySettings#maxInlineBinaryBytes()} are
 * BulkDataURIs made by the front; AvailableTransferSyntaxUID (0008,3002) says how the instance is stored.
 * Elements after Pixel Data (Data Set Trailing Padding) are not read. The JSON is written on a worker.
 */
final class SeriesMetadata {
  private static final int PARALLEL_HEADERS = 4;

  private final Vertx vertx;
  private final Retrievals retrievals;
  private final long maxInline;

  SeriesMetadata(Vertx vertx, Retrievals retrievals, long maxInline) {
    this.vertx = vertx;
    this.retrievals = retrievals;
    this.maxInline = maxInline;
  }

  Future<byte[]> build(SeriesTarget t, InstanceUris uris) {
    InstanceStore store = retrievals.store();
    var cached = store.metadata().seriesMetadata(t.seriesKey());
    if (cached.isPresent()) {
      return Future.succeededFuture(cached.get());
    }
    return retrievals.fill(t, TransferSyntaxRequest.AS_STORED).compose(v -> {
      List<InstanceKey> keys = t.keys().stream().filter(k -> store.summary(k).isPresent()).toList();
      List<Dataset> datasets = new ArrayList<>(java.util.Collections.nCopies(keys.size(), (Dataset) null));
      return readAll(t, keys, datasets, 0).compose(x -> vertx.executeBlocking(() -> json(keys, datasets, uris), false))
          .map(json -> {
            if (keys.size() == t.keys().size()) {
              store.metadata().putSeriesMetadata(t.seriesKey(), json);
            }
            return json;
          });
    });
  }

  /** Reads the headers, {@link #PARALLEL_HEADERS} at a time. */
  private Future<Void> readAll(SeriesTarget t, List<InstanceKey> keys, List<Dataset> out, int from) {
    if (from >= keys.size()) {
      return Future.succeededFuture();
    }
    int to = Math.min(keys.size(), from + PARALLEL_HEADERS);
    List<Future<?>> batch = new ArrayList<>();
    for (int i = from; i < to; i++) {
      int at = i;
      InstanceKey key = keys.get(i);
      batch.add(retrievals.headerOf(t, key, false, maxInline).map(h -> {
        if (h != null) {
          out.set(at, dataset(h, retrievals.store().summary(key).orElse(null)));
        }
        return null;
      }));
    }
    return Future.all(batch).compose(x -> readAll(t, keys, out, to));
  }

  /** The instance's metadata dataset: its header, how it is stored, and where its Pixel Data is. */
  static Dataset dataset(HeaderReader.Header h, InstanceSummary summary) {
    Dataset d = h.file().dataset();
    if (summary == null) {
      return d;
    }
    d.putString(Tags.AvailableTransferSyntaxUID, VR.UI, summary.transferSyntaxUid());
    if (summary.pixelDataValueOffset() >= 0) {
      TransferSyntax ts = TransferSyntax.of(summary.transferSyntaxUid());
      int tag = Tags.PixelData;
      VR vr;
      if (ts.encapsulated()) {
        vr = VR.OB;
      } else if (!ts.explicitVr()) {
        vr = VR.OW;
      } else {
        // the element header (tag, VR, 2 reserved, 4 length) lies just before the value
        byte[] p = h.prefix();
        int at = (int) summary.pixelDataValueOffset() - 12;
        vr = VR.OW;
        if (at >= 0 && at + 6 <= p.length) {
          int found = (p[at] & 0xFF) << 16 | (p[at + 1] & 0xFF) << 24 | (p[at + 2] & 0xFF) | (p[at + 3] & 0xFF) << 8;
          VR v = VR.fromBytes(p[at + 4], p[at + 5]);
          if ((found == Tags.PixelData || found == 0x7FE00008 || found == 0x7FE00009) && v != null) {
            tag = found;
            vr = v;
          }
        }
      }
      long length = summary.part10Length() - summary.pixelDataValueOffset();
      d.put(new DataElement.BulkData(tag, vr, summary.pixelDataValueOffset(), length, false));
    }
    return d;
  }

  private byte[] json(List<InstanceKey> keys, List<Dataset> datasets, InstanceUris uris) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 << 10);
    out.write('[');
    boolean first = true;
    for (int i = 0; i < keys.size(); i++) {
      Dataset d = datasets.get(i);
      if (d == null) {
        continue;
      }
      InstanceKey k = keys.get(i);
      if (!first) {
        out.write(',');
      }
      first = false;
      DicomJsonOptions options = DicomJsonOptions.metadata(maxInline,
          uris.forInstance(k.studyInstanceUid(), k.seriesInstanceUid(), k.sopInstanceUid()));
      new DicomJsonWriter(options).write(d, out);
    }
    out.write(']');
    return out.toByteArray();
  }
}
