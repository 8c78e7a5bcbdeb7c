package org.xcaibridge.gateway;

import org.xcaibridge.ihe.IheTransaction;

/**
 * Watches the transactions a {@link CommunityClient} initiates, for metrics: each call (ITI-55, ITI-38, ITI-39,
 * RAD-75 as its caller sees it: its batches and retries included) is {@link #start started} and, once it has ended,
 * given its {@link Outcome}; each HTTP exchange reports the answer bytes it read. Set on {@link InitiatorSetup};
 * called on the client's context, so an implementation must not block.
 */
public interface ExchangeObserver {
  /** How a call ended, as the gateway knows it. */
  enum Outcome {
    /** The community answered Success (or, for XCPD, a match or no match). */
    SUCCESS,
    /** PartialSuccess: some documents or instances were not given. */
    PARTIAL,
    /** The community answered Failure or a SOAP fault. */
    FAILURE,
    /** No usable answer: unreachable, TLS refused, connection lost, not SOAP. */
    ERROR,
    /** A connect, first-byte, idle or call timeout. */
    TIMEOUT,
    /** The caller cancelled (a viewer went away). */
    CANCELLED;

    /** {@code success}, {@code partial}, …: a metric label. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * What a call that completed means: Success is success; anything else completed only because something was
     * given (a Failure with nothing delivered fails the call), so it is partial.
     */
    public static Outcome of(org.xcaibridge.ihe.ResponseStatus status) {
      return status == org.xcaibridge.ihe.ResponseStatus.SUCCESS ? SUCCESS : PARTIAL;
    }

    /** What a failed call means: the gateway's exception says it. */
    public static Outcome of(Throwable failure) {
      if (failure instanceof GatewayException.Timeout) {
        return TIMEOUT;
      }
      if (failure instanceof GatewayException.Cancelled) {
        return CANCELLED;
      }
      if (failure instanceof GatewayException.ErrorResponse || failure instanceof GatewayException.Fault) {
        return FAILURE;
      }
      return ERROR;
    }
  }

  /** A call being timed; {@link #end} is called once. */
  interface Call {
    void end(Outcome outcome);
  }

  /** A call to {@code community} starts now. */
  Call start(CommunityEndpoints community, IheTransaction transaction);

  /** An exchange of a call read {@code bytes} of answer body (envelope and attachments) from {@code community}. */
  void received(CommunityEndpoints community, IheTransaction transaction, long bytes);

  /** Watches nothing. */
  static ExchangeObserver none() {
    return NONE;
  }

  /** The observer of {@link #none()}. */
  ExchangeObserver NONE = new ExchangeObserver() {
    @Override
    public Call start(CommunityEndpoints community, IheTransaction transaction) {
      return outcome -> { };
    }

    @Override
    public void received(CommunityEndpoints community, IheTransaction transaction, long bytes) {}
  };
}
