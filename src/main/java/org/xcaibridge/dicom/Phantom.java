package org.xcaibridge.dicom;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Pixel content of synthetic images. Cross-sections (CT, MR) sample one 3-D phantom made of ellipsoids in
 * patient coordinates (PS3.3 C.7.6.2.1.1, LPS, millimetres), so that any slice plane cuts consistent
 * anatomy and neighbouring slices differ slightly; ultrasound and radiographs are drawn in 2-D. Noise
 * comes from a {@link SplittableRandom} seeded by the caller, so equal arguments give equal pixels.
 */
final class Phantom {
  private Phantom() {}

  /** A tissue class and its value in each modality: CT in HU, MR on a 12-bit scale. */
  enum Tissue {
    AIR(-1000, 0, 0), LUNG(-850, 60, 40), FAT(-100, 1500, 1300), SOFT(40, 700, 600), LIVER(60, 820, 480),
    SPLEEN(45, 650, 800), KIDNEY(30, 760, 900), BLOOD(45, 900, 150), WHITE_MATTER(28, 980, 620),
    GREY_MATTER(38, 780, 860), CSF(8, 260, 2600), EYE(10, 300, 2400), BONE(700, 420, 330), CORTICAL(1400, 80, 60);

    final int hu;
    final int t1;
    final int t2;

    Tissue(int hu, int t1, int t2) {
      this.hu = hu;
      this.t1 = t1;
      this.t2 = t2;
    }
  }

  /**
   * An ellipsoid filled with one tissue; when {@code period} is positive it exists only in bands
   * {@code band} mm thick every {@code period} mm along z (ribs, vertebral bodies between discs).
   */
  record Ellipsoid(double cx, double cy, double cz, double ax, double ay, double az, Tissue tissue,
                   double period, double band) {
    Ellipsoid(double cx, double cy, double cz, double ax, double ay, double az, Tissue tissue) {
      this(cx, cy, cz, ax, ay, az, tissue, 0, 0);
    }

    boolean contains(double x, double y, double z) {
      double dx = (x - cx) / ax;
      double dy = (y - cy) / ay;
      double dz = (z - cz) / az;
      if (dx * dx + dy * dy + dz * dz > 1) {
        return false;
      }
      return period <= 0 || Math.floorMod((long) Math.floor(z), (long) period) < band;
    }

    boolean overlaps(double[] lo, double[] hi) {
      return cx + ax >= lo[0] && cx - ax <= hi[0] && cy + ay >= lo[1] && cy - ay <= hi[1]
          && cz + az >= lo[2] && cz - az <= hi[2];
    }
  }

  private static final double LONG = 2000; // half-length of shapes that run through the whole body

  /** Trunk from the lung apices to the kidneys; later shapes lie on top of earlier ones. */
  static final List<Ellipsoid> CHEST_ABDOMEN = List.of(
      new Ellipsoid(0, 0, 0, 170, 120, LONG, Tissue.FAT),
      new Ellipsoid(0, 0, 0, 158, 108, LONG, Tissue.SOFT),
      new Ellipsoid(0, 2, 80, 150, 100, 180, Tissue.CORTICAL, 25, 9),
      new Ellipsoid(0, 2, 0, 143, 93, LONG, Tissue.SOFT),
      new Ellipsoid(0, 5, -200, 132, 84, 170, Tissue.FAT),
      new Ellipsoid(-60, 0, -60, 95, 80, 90, Tissue.LIVER),
      new Ellipsoid(85, 40, -50, 35, 45, 50, Tissue.SPLEEN),
      new Ellipsoid(-65, 55, -130, 28, 30, 55, Tissue.KIDNEY),
      new Ellipsoid(65, 55, -125, 28, 30, 55, Tissue.KIDNEY),
      new Ellipsoid(-70, 5, 130, 60, 75, 150, Tissue.LUNG),
      new Ellipsoid(72, 5, 135, 55, 72, 145, Tissue.LUNG),
      new Ellipsoid(25, -15, 40, 65, 55, 60, Tissue.SOFT),
      new Ellipsoid(30, -20, 40, 35, 30, 35, Tissue.BLOOD),
      new Ellipsoid(20, 45, 0, 13, 13, LONG, Tissue.BLOOD),
      new Ellipsoid(0, 60, 0, 21, 21, LONG, Tissue.CORTICAL),
      new Ellipsoid(0, 60, 0, 18, 18, LONG, Tissue.SOFT),
      new Ellipsoid(0, 60, 0, 18, 18, LONG, Tissue.BONE, 32, 26),
      new Ellipsoid(0, 92, 0, 12, 14, LONG, Tissue.BONE),
      new Ellipsoid(0, 85, 0, 7, 7, LONG, Tissue.CSF));

  /** A head from the chin to the vertex, centred on the origin. */
  static final List<Ellipsoid> HEAD = List.of(
      new Ellipsoid(0, 5, 0, 78, 98, 100, Tissue.SOFT),
      new Ellipsoid(0, -80, -55, 10, 14, 25, Tissue.AIR),
      new Ellipsoid(0, 5, 5, 73, 93, 92, Tissue.CORTICAL),
      new Ellipsoid(0, 5, 8, 67, 87, 85, Tissue.CSF),
      new Ellipsoid(0, 5, 8, 65, 85, 83, Tissue.GREY_MATTER),
      new Ellipsoid(0, 8, 12, 52, 70, 65, Tissue.WHITE_MATTER),
      new Ellipsoid(8, 0, 20, 5, 28, 14, Tissue.CSF),
      new Ellipsoid(-8, 0, 20, 5, 28, 14, Tissue.CSF),
      new Ellipsoid(0, 10, 5, 2, 10, 10, Tissue.CSF),
      new Ellipsoid(0, 20, -45, 14, 16, 40, Tissue.WHITE_MATTER),
      new Ellipsoid(0, 55, -45, 45, 30, 25, Tissue.GREY_MATTER),
      new Ellipsoid(0, -82, 35, 15, 6, 8, Tissue.AIR),
      new Ellipsoid(32, -75, -30, 12, 12, 12, Tissue.EYE),
      new Ellipsoid(-32, -75, -30, 12, 12, 12, Tissue.EYE));

  static List<Ellipsoid> shapes(SyntheticSeries.Region region) {
    return region == SyntheticSeries.Region.HEAD ? HEAD : CHEST_ABDOMEN;
  }

  /**
   * The tissue at each pixel of a square slice: pixel (r, c) lies at
   * {@code origin + c·spacing·rowDir + r·spacing·colDir} (PS3.3 C.7.6.2.1.1).
   */
  static Tissue[] sample(List<Ellipsoid> shapes, double[] origin, double[] rowDir, double[] colDir, double spacing, int n) {
    Tissue[] out = new Tissue[n * n];
    double[] lo = new double[3];
    double[] hi = new double[3];
    Ellipsoid[] active = new Ellipsoid[shapes.size()];
    for (int r = 0; r < n; r++) {
      double[] start = new double[3];
      double[] end = new double[3];
      for (int k = 0; k < 3; k++) {
        start[k] = origin[k] + r * spacing * colDir[k];
        end[k] = start[k] + (n - 1) * spacing * rowDir[k];
        lo[k] = Math.min(start[k], end[k]);
        hi[k] = Math.max(start[k], end[k]);
      }
      int count = 0;
      for (Ellipsoid e : shapes) {
        if (e.overlaps(lo, hi)) {
          active[count++] = e;
        }
      }
      for (int c = 0; c < n; c++) {
        double x = start[0] + c * spacing * rowDir[0];
        double y = start[1] + c * spacing * rowDir[1];
        double z = start[2] + c * spacing * rowDir[2];
        Tissue t = Tissue.AIR;
        for (int i = count - 1; i >= 0; i--) {
          if (active[i].contains(x, y, z)) {
            t = active[i].tissue;
            break;
          }
        }
        out[r * n + c] = t;
      }
    }
    return out;
  }

  /**
   * CT numbers in HU with triangular quantum noise in ±{@code noise} HU (standard deviation about
   * noise / 2.4): a head scan uses a higher dose and a narrow window, so less noise.
   */
  static short[] ctSlice(Tissue[] tissues, int noise, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    short[] hu = new short[tissues.length];
    for (int i = 0; i < hu.length; i++) {
      int n = rnd.nextInt(noise + 1) + rnd.nextInt(noise + 1) - noise;
      hu[i] = (short) (tissues[i].hu + n);
    }
    return hu;
  }

  /** MR signal in 0..4095: tissue contrast, a smooth coil sensitivity falling off from the centre, noise. */
  static short[] mrSlice(Tissue[] tissues, int n, SyntheticSeries.Weighting w, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    short[] out = new short[tissues.length];
    double half = n / 2.0;
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        int i = r * n + c;
        Tissue t = tissues[i];
        double d2 = ((r - half) * (r - half) + (c - half) * (c - half)) / (half * half);
        double signal = (w == SyntheticSeries.Weighting.T1 ? t.t1 : t.t2) * (1.1 - 0.25 * d2);
        double v = signal + rnd.nextInt(31) + rnd.nextInt(31) - 10;
        out[i] = (short) Math.max(0, Math.min(4095, Math.round(v)));
      }
    }
    return out;
  }

  /**
   * An abdominal ultrasound cine: a 70° sector of liver speckle with a cyst and a vessel that move with
   * breathing (one breath per 4 s) and a bright diaphragm. Frames follow each other in one array.
   */
  static byte[] usCine(int frames, int rows, int cols, double frameTimeMs, long seed) {
    double apexX = cols / 2.0;
    double apexY = rows * 0.03;
    double depth = rows * 0.95;
    double halfAngle = Math.toRadians(35);
    float[] dist = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        double dx = c - apexX;
        double dy = r - apexY;
        double d = Math.hypot(dx, dy);
        boolean inside = dy > 0 && Math.abs(Math.atan2(dx, dy)) < halfAngle && d < depth && d > rows * 0.04;
        dist[r * cols + c] = inside ? (float) d : -1;
      }
    }
    byte[] out = new byte[frames * rows * cols];
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int f = 0; f < frames; f++) {
      double shift = rows * 0.04 * Math.sin(2 * Math.PI * f * frameTimeMs / 4000.0);
      int base = f * rows * cols;
      for (int r = 0; r < rows; r++) {
        double y = r - shift;
        for (int c = 0; c < cols; c++) {
          float d = dist[r * cols + c];
          if (d < 0) {
            continue;
          }
          double echo = 120 * Math.exp(-d / (1.6 * depth));
          if (inEllipse(c, y, cols * 0.58, rows * 0.45, cols * 0.07, rows * 0.06)) {
            echo = 6;
          } else if (inEllipse(c, y, cols * 0.4, rows * 0.35, cols * 0.12, rows * 0.025)) {
            echo = 12;
          } else if (Math.abs(d - (depth * 0.82 + shift)) < rows * 0.012) {
            echo = 220;
          }
          double speckle = echo * (rnd.nextDouble() + rnd.nextDouble());
          out[base + r * cols + c] = (byte) Math.min(255, (int) speckle);
        }
      }
    }
    return out;
  }

  private static boolean inEllipse(double x, double y, double cx, double cy, double ax, double ay) {
    double dx = (x - cx) / ax;
    double dy = (y - cy) / ay;
    return dx * dx + dy * dy <= 1;
  }

  /** One 2-D region of a radiograph adding {@code attenuation}; ribs are thin elliptic arcs. */
  private record Shadow(double cu, double cv, double au, double av, double attenuation, boolean arc) {
    double at(double u, double v) {
      double du = (u - cu) / au;
      double dv = (v - cv) / av;
      double q = du * du + dv * dv;
      if (arc) {
        return v > cv && Math.abs(Math.sqrt(q) - 1) < 0.06 ? attenuation : 0;
      }
      return q <= 1 ? attenuation : 0;
    }
  }

  /**
   * A chest radiograph (MONOCHROME2: more attenuation is brighter), {@code view} "PA" or "LL", in
   * millimetres from the top centre of the detector; 8-bit.
   */
  static byte[] chestRadiograph(String view, int rows, int cols, double spacing, long seed) {
    List<Shadow> shadows = new ArrayList<>();
    if ("LL".equals(view)) {
      shadows.add(new Shadow(0, 250, 130, 330, 0.45, false));
      shadows.add(new Shadow(-10, 190, 85, 125, -0.28, false));
      shadows.add(new Shadow(-40, 270, 60, 60, 0.25, false));
      shadows.add(new Shadow(95, 230, 20, 260, 0.3, false));
    } else {
      shadows.add(new Shadow(0, 250, 165, 330, 0.45, false));
      shadows.add(new Shadow(0, 20, 45, 80, 0.35, false));
      shadows.add(new Shadow(-75, 190, 62, 125, -0.25, false));
      shadows.add(new Shadow(75, 195, 58, 120, -0.25, false));
      shadows.add(new Shadow(25, 270, 70, 60, 0.25, false));
      shadows.add(new Shadow(0, 150, 28, 110, 0.15, false));
      shadows.add(new Shadow(0, 250, 17, 330, 0.25, false));
      shadows.add(new Shadow(-60, 75, 55, 7, 0.2, false));
      shadows.add(new Shadow(60, 75, 55, 7, 0.2, false));
      for (int k = 0; k < 10; k++) {
        shadows.add(new Shadow(0, 80 + 24 * k, 135, 45, 0.12, true));
      }
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] out = new byte[rows * cols];
    for (int r = 0; r < rows; r++) {
      double v = r * spacing - rows * spacing * 0.08;
      for (int c = 0; c < cols; c++) {
        double u = (c - cols / 2.0) * spacing;
        double a = 0;
        for (Shadow s : shadows) {
          a += s.at(u, v);
        }
        double value = 15 + 240 * (1 - Math.exp(-1.6 * Math.max(0, a))) + rnd.nextInt(7) - 3;
        out[r * cols + c] = (byte) Math.max(0, Math.min(255, (int) value));
      }
    }
    return out;
  }
}
