package org.xcaibridge.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up lines that say what guards the bridge: the secure demo; or, relaxed, that nothing does; or, for the
 * configured communities, whether TLS, XUA assertions and the ATNA audit are on (with the audit's destination). A
 * warning while something is off, so that a log reader never takes a relaxed bridge for a secured one.
 */
final class SecurityLines {
  private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

  private SecurityLines() {}

  static void log(Launcher.Running r, FrontConfig front) {
    BridgeConfig c = r.config;
    String audit = r.audit == null ? "no ATNA audit" : "ATNA audit " + r.audit.destination.describe();
    if (r.secure != null) {
      LOG.info("secure demo: the responder requires two-way TLS (client certificates of the test CA) and a signed "
          + "XUA assertion on every request{}; {}", r.responderClient == null ? ""
          : "; the bridge's clients present the test client certificate and sign an assertion per request", audit);
    } else if (r.front == null) {
      LOG.warn("security relaxed: plain HTTP, no TLS, no XUA assertions checked, {} (--secure runs the "
          + "secure demo)", audit);
    } else if (c.demo()) {
      boolean loopback = front.host().equals("127.0.0.1") || front.host().equals("::1")
          || front.host().equals("localhost");
      LOG.warn("security relaxed (demo mode): plain HTTP{}, no TLS, no XUA/SAML assertions, {} "
          + "(--secure runs the secure demo)",
          loopback ? " on loopback" : " on " + front.host() + ", reachable from other machines", audit);
      if (c.xua() != null) {
        LOG.warn("xua is configured but no community is: the demo's own responder is asked without assertions");
      }
    } else {
      // what is on for the roster's communities, said rather than implied; a warning while anything is off
      boolean all = c.tls() != null && c.xua() != null && r.audit != null;
      String line = "communities: " + c.communities().size() + " configured; TLS " + (c.tls() == null
          ? "no (plain HTTP)" : "yes (two-way, from " + c.tls().directory() + ")") + ", XUA assertions "
          + XuaSigning.describe(c) + ", ATNA audit " + (r.audit == null ? "no" : "yes (" + r.audit.destination
          .describe() + ")");
      if (all) {
        LOG.info(line);
      } else {
        LOG.warn(line);
      }
      if (c.tls() != null && c.xua() == null) {
        LOG.warn("tls is configured but xua is not: requests carry no signed assertion, and a gateway that "
            + "requires XUA will refuse them");
      }
    }
  }
}
