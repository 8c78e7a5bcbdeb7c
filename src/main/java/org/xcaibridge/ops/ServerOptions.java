package org.xcaibridge.ops;

/** Command-line options of the server mode, validated when parsed. */
record ServerOptions(String host, int port) {
  static final String DEFAULT_HOST = "127.0.0.1";
  static final int DEFAULT_PORT = 8080;

  ServerOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535, was " + port);
    }
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("--host must not be empty");
    }
  }

  static ServerOptions parse(String[] args) {
    String host = DEFAULT_HOST;
    int port = DEFAULT_PORT;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--host" -> host = value(args, ++i, a);
        case "--port" -> {
          String v = value(args, ++i, a);
          try {
            port = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, was '" + v + "'");
          }
        }
        default -> throw new IllegalArgumentException("unknown option: " + a);
      }
    }
    return new ServerOptions(host, port);
  }

  private static String value(String[] args, int i, String name) {
    if (i >= args.length) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    return args[i];
  }
}
