package org.xcaibridge.interop;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * IPF 5.1.0 without Spring Boot: a plain {@link DefaultCamelContext} with IPF's Camel components, on its own
 * CXF bus. IPF publishes consumer endpoints ({@code from("xcai-rad75:name")}) at the relative address
 * {@code /name} on CXF's servlet transport, as in a web application; here CXF's servlet runs in an embedded
 * Jetty on 127.0.0.1, a free port, under {@code /services}.
 */
final class IpfCamel implements AutoCloseable {
  final CamelContext camel;
  private final Bus bus;
  private final Bus previousBus;
  private final Server jetty;
  private final int port;

  private IpfCamel(CamelContext camel, Bus bus, Bus previousBus, Server jetty, int port) {
    this.camel = camel;
    this.bus = bus;
    this.previousBus = previousBus;
    this.jetty = jetty;
    this.port = port;
  }

  /**
   * Starts the routes (none for a producer-only context) and, with {@code serve}, the servlet container.
   * The bus is this thread's default while the context lives, so IPF's endpoints and clients use it.
   */
  static IpfCamel start(RouteBuilder routes, boolean serve) throws Exception {
    Bus previous = BusFactory.getThreadDefaultBus(false);
    Bus bus = BusFactory.newInstance().createBus();
    BusFactory.setThreadDefaultBus(bus);
    CamelContext camel = new DefaultCamelContext();
    if (routes != null) {
      camel.addRoutes(routes);
    }
    camel.start();
    Server jetty = null;
    int port = -1;
    if (serve) {
      jetty = new Server();
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      jetty.addConnector(connector);
      CXFNonSpringServlet servlet = new CXFNonSpringServlet();
      servlet.setBus(bus);
      ServletContextHandler context = new ServletContextHandler();
      context.addServlet(new ServletHolder(servlet), "/services/*");
      jetty.setHandler(context);
      jetty.start();
      port = connector.getLocalPort();
    }
    return new IpfCamel(camel, bus, previous, jetty, port);
  }

  /** The URL of a consumer endpoint {@code xcai-rad75:name} (or any IPF web service component). */
  String url(String name) {
    return "http://127.0.0.1:" + port + "/services/" + name;
  }

  @Override
  public void close() throws Exception {
    try {
      camel.close();
      if (jetty != null) {
        jetty.stop();
      }
    } finally {
      bus.shutdown(true);
      BusFactory.setThreadDefaultBus(previousBus);
    }
  }
}
