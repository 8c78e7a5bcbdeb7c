package org.xcaibridge.ops;

import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.ExchangeObserver;
import org.xcaibridge.ihe.IheTransaction;

/**
 * The initiating side of the IHE transactions on {@code /metrics}: each call a community client makes is timed as
 * {@code xcai_ihe_transactions_seconds{role="initiating"}} by the community's homeCommunityId (configured or from
 * the directory: a bounded set), the transaction and the outcome the gateway gives it; the bytes answered are
 * counted by community.
 */
final class InitiatingObserver implements ExchangeObserver {
  static final String ROLE = "initiating";

  private final BridgeMetrics metrics;

  InitiatingObserver(BridgeMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Call start(CommunityEndpoints community, IheTransaction transaction) {
    BridgeMetrics.IheCall call = metrics.startIhe(ROLE, community.homeCommunityId(), Launcher.label(transaction));
    // the answer bytes are counted per exchange by received(), so the call itself adds none
    return outcome -> call.end(outcome.label(), 0, 0);
  }

  @Override
  public void received(CommunityEndpoints community, IheTransaction transaction, long bytes) {
    metrics.communityBytes(community.homeCommunityId(), Launcher.label(transaction), bytes);
    metrics.bytes("in", "ihe", bytes);
  }
}
