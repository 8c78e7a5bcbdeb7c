package org.xcaibridge.dicom;

/** A frame number outside 1..numberOfFrames was asked for (PS3.18 frame lists are 1-based). */
public final class FrameNotFoundException extends RuntimeException {
  private final long frame;
  private final int numberOfFrames;

  public FrameNotFoundException(long frame, int numberOfFrames) {
    super("frame " + frame + " does not exist; the instance has " + numberOfFrames
        + (numberOfFrames == 1 ? " frame" : " frames"));
    this.frame = frame;
    this.numberOfFrames = numberOfFrames;
  }

  public long frame() {
    return frame;
  }

  public int numberOfFrames() {
    return numberOfFrames;
  }
}
