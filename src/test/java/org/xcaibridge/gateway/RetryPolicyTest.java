package org.xcaibridge.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.soap.SoapFault;

/**
 * The retry predicate: once, for ITI-38/39 and RAD-75, after a connection lost before any answer and before
 * anything was handed on — and for nothing else.
 */
class RetryPolicyTest {
  private static final CommunityEndpoints C = GatewayHarness.endpoints("C", GatewayHarness.HOME, "http://127.0.0.1:9");

  private static GatewayException lost(IheTransaction t, boolean started) {
    return new GatewayException.ConnectionLost(C, t, started, new IOException("Connection reset by peer"));
  }

  @Test
  void onlyAResetBeforeTheAnswerOfAReadIsRetriedOnce() {
    for (IheTransaction t : List.of(IheTransaction.ITI_38, IheTransaction.ITI_39, IheTransaction.RAD_75)) {
      assertThat(RetryPolicy.retryAfter(t, lost(t, false), 1, false)).as("%s", t).isTrue();
      assertThat(RetryPolicy.retryAfter(t, lost(t, false), 2, false)).as("%s second time", t).isFalse();
      assertThat(RetryPolicy.retryAfter(t, lost(t, false), 1, true)).as("%s after bytes handed on", t).isFalse();
      assertThat(RetryPolicy.retryAfter(t, lost(t, true), 1, false)).as("%s mid-answer", t).isFalse();
    }
    assertThat(RetryPolicy.retryAfter(IheTransaction.ITI_55, lost(IheTransaction.ITI_55, false), 1, false)).isFalse();
  }

  @Test
  void otherFailuresAreNeverRetried() {
    IheTransaction t = IheTransaction.ITI_38;
    SoapFault fault = new SoapFault(SoapFault.SENDER, List.of(new QName("urn:test", "InvalidSecurity")),
        List.of(new SoapFault.Reason("en", "SAML assertion expired")), Optional.empty(), Optional.empty(), List.of());
    List<GatewayException> others = List.of(
        new GatewayException.Tls(C, t, new SSLHandshakeException("PKIX path building failed")),
        new GatewayException.Fault(C, t, fault, null),
        new GatewayException.Timeout(C, t, GatewayException.TimeoutKind.FIRST_BYTE, 100),
        new GatewayException.Timeout(C, t, GatewayException.TimeoutKind.CONNECT, 100),
        new GatewayException.Unreachable(C, t, new java.net.ConnectException("Connection refused")),
        new GatewayException.ProtocolViolation(C, t, "HTTP 403 answer is 'text/html', not SOAP", null),
        new GatewayException.ErrorResponse(C, t, "Failure", List.of()),
        new GatewayException.Cancelled(C, t));
    for (GatewayException e : others) {
      assertThat(RetryPolicy.retryAfter(t, e, 1, false)).as("%s", e.getClass().getSimpleName()).isFalse();
    }
  }

  @Test
  void failuresAreClassifiedFromWhatTheStackThrows() {
    IheTransaction t = IheTransaction.RAD_75;
    assertThat(Failures.classify(new SSLHandshakeException("bad certificate"), C, t, CommunitySettings.DEFAULT, false))
        .isInstanceOf(GatewayException.Tls.class);
    assertThat(Failures.classify(new java.net.ConnectException("Connection refused"), C, t, CommunitySettings.DEFAULT,
        false)).isInstanceOf(GatewayException.Unreachable.class);
    assertThat(Failures.classify(new IOException("Connection reset by peer"), C, t, CommunitySettings.DEFAULT, true))
        .isInstanceOfSatisfying(GatewayException.ConnectionLost.class, l -> assertThat(l.responseStarted()).isTrue());
    assertThat(Failures.classify(new io.vertx.core.http.HttpClosedException("Connection was closed"), C, t,
        CommunitySettings.DEFAULT, false)).isInstanceOf(GatewayException.ConnectionLost.class);
    // Netty's connect timeout is a ConnectException too: it must still read as a timeout, naming the setting
    assertThat(Failures.classify(new io.netty.channel.ConnectTimeoutException("connection timed out after 5000 ms"),
        C, t, CommunitySettings.DEFAULT, false)).isInstanceOfSatisfying(GatewayException.Timeout.class,
            x -> assertThat(x.kind()).isEqualTo(GatewayException.TimeoutKind.CONNECT));
  }
}
