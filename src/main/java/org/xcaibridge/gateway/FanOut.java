package org.xcaibridge.gateway;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.xcaibridge.ihe.IheTransaction;

/**
 * Asks several communities at once, each with its own deadline, and keeps what each said: the studies layer's
 * way to query every community in parallel and answer with partial results (issue 6, "Fan-out"). One slow or
 * dead community costs at most its deadline and never hides the others' answers.
 */
public final class FanOut {
  private FanOut() {}

  /** As below, each community's deadline being its own {@link CommunitySettings#callTimeout()}. */
  public static <T> Future<Partial<T>> ask(List<CommunityClient> clients, IheTransaction transaction,
      Function<CommunityClient, Future<T>> call) {
    return ask(clients, transaction, null, call);
  }

  /**
   * Calls {@code call} for every client (all at once) and completes when every one has answered, failed or run
   * out of {@code deadline}; never fails.
   *
   * @param transaction what is asked, to name it in a timeout
   * @param deadline    per community, from now; a community still busy then is a
   *                    {@link GatewayException.Timeout} of kind {@code CALL} (its call itself goes on until its
   *                    own {@link CommunitySettings#callTimeout()}, so keep the deadline below that); null
   *                    for each community's call timeout
   */
  public static <T> Future<Partial<T>> ask(List<CommunityClient> clients, IheTransaction transaction,
      Duration deadline, Function<CommunityClient, Future<T>> call) {
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(call, "call");
    List<Future<T>> answers = new ArrayList<>(clients.size());
    for (CommunityClient client : clients) {
      long millis = Math.max(1, (deadline != null ? deadline : client.settings().callTimeout()).toMillis());
      Future<T> answer;
      try {
        answer = Objects.requireNonNull(call.apply(client), "the call returned no future");
      } catch (RuntimeException e) {
        answer = Future.failedFuture(e);
      }
      answers.add(answer.timeout(millis, TimeUnit.MILLISECONDS).recover(cause -> Future.failedFuture(
          cause instanceof java.util.concurrent.TimeoutException
              ? new GatewayException.Timeout(client.endpoints(), transaction, GatewayException.TimeoutKind.CALL,
                  millis)
              : cause)));
    }
    return Future.join(answers).transform(ignored -> {
      List<T> results = new ArrayList<>();
      List<CommunityFailure> failures = new ArrayList<>();
      for (int i = 0; i < answers.size(); i++) {
        Future<T> a = answers.get(i);
        if (a.succeeded()) {
          results.add(a.result());
        } else {
          failures.add(new CommunityFailure(clients.get(i).endpoints(), a.cause()));
        }
      }
      return Future.succeededFuture(new Partial<>(results, failures));
    });
  }
}
