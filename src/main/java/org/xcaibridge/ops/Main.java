package org.xcaibridge.ops;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * Entry point of {@code xcai-bridge.jar}. With no arguments (or options only) it runs the bridge on its
 * embedded default; the first argument may instead name a sub-command: {@code responder} (the responding
 * gateway alone) or a small offline tool.
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
    if (args.length == 0 || args[0].startsWith("-")) {
      return ServeCommand.run(LaunchOptions.Mode.BRIDGE, args, out, err);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "help":
        usage(out);
        return 0;
      case "responder":
        return ServeCommand.run(LaunchOptions.Mode.RESPONDER, rest, out, err);
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

  static void usage(PrintStream out) {
    ServeCommand.usage(out);
    out.println("       java -jar xcai-bridge.jar dicom2json [--inline-bulk] FILE...   print DICOM JSON of the files");
    GenerateCommand.usage(out);
  }
}
