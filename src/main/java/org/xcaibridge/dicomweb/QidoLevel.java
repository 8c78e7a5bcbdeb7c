package org.xcaibridge.dicomweb;

import org.xcaibridge.dicom.Tag;

/** The entity a QIDO-RS search returns (PS3.18 §10.6: SearchForStudies, SearchForSeries, SearchForInstances). */
public enum QidoLevel {
  STUDY(Tag.StudyInstanceUID), SERIES(Tag.SeriesInstanceUID), INSTANCE(Tag.SOPInstanceUID);

  private final int uidTag;

  QidoLevel(int uidTag) {
    this.uidTag = uidTag;
  }

  /** The unique key of the entity at this level: Study, Series or SOP Instance UID. */
  public int uidTag() {
    return uidTag;
  }

  /** True when {@code other} is this level or above it (a study attribute is above a series). */
  public boolean isAtOrBelow(QidoLevel other) {
    return ordinal() >= other.ordinal();
  }
}
