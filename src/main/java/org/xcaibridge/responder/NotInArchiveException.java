package org.xcaibridge.responder;

/** The archive holds no study, series, instance or manifest with this UID. */
public final class NotInArchiveException extends ArchiveException {
  /** What was looked for. */
  public enum Kind { STUDY, SERIES, INSTANCE, MANIFEST }

  private final Kind kind;
  private final String uid;

  public NotInArchiveException(Kind kind, String uid) {
    super("no " + kind.name().toLowerCase(java.util.Locale.ROOT) + " with UID " + uid + " in this archive", null);
    this.kind = kind;
    this.uid = uid;
  }

  public Kind kind() {
    return kind;
  }

  public String uid() {
    return uid;
  }
}
