package org.xcaibridge.studies;

import java.util.List;
import java.util.Objects;

/**
 * Why the study core could not answer. One variant per answer a DICOMweb front gives (issue 6 §6): an unknown
 * UID (404), a community that failed (502) or was too slow (504), a transfer syntax the community would not
 * provide (406), trouble of the bridge's own (503), and a community sending something that cannot be used (502).
 * Messages name the community and never carry patient data.
 */
public abstract sealed class StudiesException extends RuntimeException
    permits StudiesException.NotFound, StudiesException.CommunityFailed, StudiesException.TransferSyntaxRefused,
        StudiesException.LocalFailure, StudiesException.UnusableAnswer {

  private StudiesException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The study, series or instance is not one the bridge knows, or its community no longer has it (404). */
  public static final class NotFound extends StudiesException {
    public NotFound(String what) {
      super(what, null);
    }
  }

  /** A community did not answer usefully: down or refusing (502), or too slow ({@link #timedOut()}: 504). */
  public static final class CommunityFailed extends StudiesException {
    private final String community;
    private final boolean timedOut;

    public CommunityFailed(String community, boolean timedOut, String message, Throwable cause) {
      super(message, cause);
      this.community = Objects.requireNonNull(community, "community");
      this.timedOut = timedOut;
    }

    /** "name (urn:oid:…)". */
    public String community() {
      return community;
    }

    public boolean timedOut() {
      return timedOut;
    }
  }

  /** The community cannot give the instances in any of the transfer syntaxes asked for (406). */
  public static final class TransferSyntaxRefused extends StudiesException {
    private final List<String> asked;

    public TransferSyntaxRefused(String community, List<String> asked) {
      super(community + " cannot provide the instances in any of the transfer syntaxes " + asked, null);
      this.asked = List.copyOf(asked);
    }

    public List<String> asked() {
      return asked;
    }
  }

  /** The bridge's own trouble: the cache disk is full or failing, the locator cannot write (503). */
  public static final class LocalFailure extends StudiesException {
    public LocalFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A community answered with something the bridge cannot use: a broken manifest or instance (502). */
  public static final class UnusableAnswer extends StudiesException {
    private final String community;

    public UnusableAnswer(String community, String message, Throwable cause) {
      super(message, cause);
      this.community = community;
    }

    public String community() {
      return community;
    }
  }
}
