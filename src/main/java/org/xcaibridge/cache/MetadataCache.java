package org.xcaibridge.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Answers that are cheap to keep and slow to get again: a community's query result for a patient
 * (ITI-38), KOS manifests (ITI-39), series metadata JSON (kept deflated), and "not there" answers, which
 * expire sooner. Values are bytes the caller serialised; what goes in is copied and what comes out is a
 * copy. One Caffeine cache bounded in bytes holds them all, each kind with its own time to live, measured
 * with the given {@link Ticker} (tests move time by hand). Compressing a multi-megabyte JSON document takes
 * milliseconds: callers on an event loop hand such values over from a worker.
 */
public final class MetadataCache {
  /** The outcome of a lookup. */
  public sealed interface Lookup permits Found, Absent, Miss {}

  /** A cached answer; {@link #value()} returns a copy. */
  public record Found(byte[] value) implements Lookup {
    public Found {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }
  }

  /** A cached negative answer: the community said the patient or document is unknown. */
  public record Absent() implements Lookup {}

  /** Nothing cached: ask upstream. */
  public record Miss() implements Lookup {}

  private static final Miss MISS = new Miss();
  private static final Absent ABSENT = new Absent();

  private enum Kind { QUERY, MANIFEST, SERIES_METADATA }

  private record Key(Kind kind, String a, String b) {}

  private record Value(byte[] bytes, int rawLength, boolean negative, long ttlNanos) {}

  private final MetadataSettings settings;
  private final Counters counters;
  private final Cache<Key, Value> cache;

  MetadataCache(MetadataSettings settings, Ticker ticker, Counters counters) {
    this.settings = settings;
    this.counters = counters;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(settings.maxBytes())
        .weigher((Key k, Value v) -> v.bytes().length + 2 * (k.a().length() + k.b().length()) + 96)
        .expireAfter(new Expiry<Key, Value>() {
          @Override
          public long expireAfterCreate(Key k, Value v, long now) {
            return v.ttlNanos();
          }

          @Override
          public long expireAfterUpdate(Key k, Value v, long now, long current) {
            return v.ttlNanos();
          }

          @Override
          public long expireAfterRead(Key k, Value v, long now, long current) {
            return current;
          }
        })
        .ticker(ticker)
        .executor(Runnable::run)
        .removalListener((Key k, Value v, RemovalCause cause) -> {
          if (cause == RemovalCause.SIZE) {
            counters.metadataEvictions.increment();
          }
        })
        .build();
  }

  public Lookup queryResult(String community, String patientId) {
    return lookup(key(Kind.QUERY, "community", community, "patientId", patientId));
  }

  public void putQueryResult(String community, String patientId, byte[] result) {
    put(key(Kind.QUERY, "community", community, "patientId", patientId), result, settings.queryTtl().toNanos());
  }

  /** The community does not know the patient: remembered for {@link MetadataSettings#negativeTtl()}. */
  public void putUnknownPatient(String community, String patientId) {
    putAbsent(key(Kind.QUERY, "community", community, "patientId", patientId));
  }

  public Lookup manifest(String community, String documentUniqueId) {
    return lookup(key(Kind.MANIFEST, "community", community, "documentUniqueId", documentUniqueId));
  }

  public void putManifest(String community, String documentUniqueId, byte[] manifest) {
    put(key(Kind.MANIFEST, "community", community, "documentUniqueId", documentUniqueId), manifest,
        settings.manifestTtl().toNanos());
  }

  /** The community has no such document: remembered for {@link MetadataSettings#negativeTtl()}. */
  public void putMissingManifest(String community, String documentUniqueId) {
    putAbsent(key(Kind.MANIFEST, "community", community, "documentUniqueId", documentUniqueId));
  }

  /** The series' metadata JSON, inflated, or empty. */
  public Optional<byte[]> seriesMetadata(SeriesKey series) {
    Value v = cache.getIfPresent(seriesKey(series));
    if (v == null) {
      counters.metadataMisses.increment();
      return Optional.empty();
    }
    counters.metadataHits.increment();
    return Optional.of(inflate(v));
  }

  /**
   * Keeps the series' metadata JSON deflated. Returns false, keeping nothing, when it is larger than
   * {@link MetadataSettings#maxSeriesMetadataBytes()}.
   */
  public boolean putSeriesMetadata(SeriesKey series, byte[] json) {
    if (json.length > settings.maxSeriesMetadataBytes()) {
      return false;
    }
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION);
    try {
      d.setInput(json);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, json.length / 8));
      byte[] chunk = new byte[16 << 10];
      while (!d.finished()) {
        out.write(chunk, 0, d.deflate(chunk));
      }
      cache.put(seriesKey(series), new Value(out.toByteArray(), json.length, false,
          settings.seriesMetadataTtl().toNanos()));
      return true;
    } finally {
      d.end();
    }
  }

  public void invalidateSeries(SeriesKey series) {
    cache.invalidate(seriesKey(series));
  }

  public void invalidatePatient(String community, String patientId) {
    cache.invalidate(key(Kind.QUERY, "community", community, "patientId", patientId));
  }

  /** Bytes held now, as the budget counts them. */
  long weightedBytes() {
    cache.cleanUp();
    return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
  }

  private Lookup lookup(Key k) {
    Value v = cache.getIfPresent(k);
    if (v == null) {
      counters.metadataMisses.increment();
      return MISS;
    }
    counters.metadataHits.increment();
    return v.negative() ? ABSENT : new Found(v.bytes());
  }

  private void put(Key k, byte[] value, long ttlNanos) {
    cache.put(k, new Value(value.clone(), value.length, false, ttlNanos));
  }

  private void putAbsent(Key k) {
    cache.put(k, new Value(new byte[0], 0, true, settings.negativeTtl().toNanos()));
  }

  private byte[] inflate(Value v) {
    Inflater in = new Inflater();
    try {
      in.setInput(v.bytes());
      byte[] out = new byte[v.rawLength()];
      int n = 0;
      while (n < out.length && !in.finished()) {
        int k = in.inflate(out, n, out.length - n);
        if (k == 0 && (in.needsInput() || in.needsDictionary())) {
          break;
        }
        n += k;
      }
      if (n != out.length || !in.finished()) {
        throw new IllegalStateException("cached series metadata inflates to " + n + " bytes, not " + out.length);
      }
      return out;
    } catch (DataFormatException e) {
      throw new IllegalStateException("cached series metadata is damaged", e);
    } finally {
      in.end();
    }
  }

  private static Key seriesKey(SeriesKey s) {
    return new Key(Kind.SERIES_METADATA, s.studyInstanceUid(), s.seriesInstanceUid());
  }

  private static Key key(Kind kind, String aName, String a, String bName, String b) {
    if (a == null || a.isBlank()) {
      throw new IllegalArgumentException(aName + " must not be empty");
    }
    if (b == null || b.isBlank()) {
      throw new IllegalArgumentException(bName + " must not be empty");
    }
    return new Key(kind, a, b);
  }
}
