package org.xcaibridge.ops;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * Entry point of {@code xcai-bridge.jar}. With no arguments it runs the bridge on its embedded default;
 * the first argument may instead name a sub-command (a small offline tool).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    int code = run(args, System.out, System.err);
    if (code >= 0) {
      System.exit(code);
    }
  }

  /** Returns the process exit code, or -1 when a server was started and the JVM must stay up. */
  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (args.length > 0 && !args[0].startsWith("-")) {
      String[] rest = Arrays.copyOfRange(args, 1, args.length);
      switch (args[0]) {
        case "help":
          usage(out);
          return 0;
        case "dicom2json":
          return Dicom2JsonCommand.run(rest, out, err);
        case "generate":
          return GenerateCommand.run(rest, out, err);
        default:
          err.println("unknown command: " + args[0]);
          usage(err);
          return 2;
      }
    }
    ServerOptions options;
    try {
      options = ServerOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      usage(err);
      return 2;
    }
    BridgeServer.start(options);
    return -1;
  }

  static void usage(PrintStream out) {
    out.println("usage: java -jar xcai-bridge.jar [--host H] [--port P]   run the bridge (embedded default)");
    out.println("       java -jar xcai-bridge.jar dicom2json [--inline-bulk] FILE...   print DICOM JSON of the files");
    GenerateCommand.usage(out);
  }
}
