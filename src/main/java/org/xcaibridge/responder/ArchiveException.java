package org.xcaibridge.responder;

/**
 * Why an {@link ImageArchive} could not answer. The responder maps each kind to one IHE error (unknown
 * document or instance, repository error, repository busy); the message says what a person can do about it and
 * never holds patient data.
 */
public abstract sealed class ArchiveException extends RuntimeException
    permits NotInArchiveException, ArchiveUnavailableException, ArchiveDataException {
  ArchiveException(String message, Throwable cause) {
    super(message, cause);
  }
}
