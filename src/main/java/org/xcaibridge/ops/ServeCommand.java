package org.xcaibridge.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The two server modes: the bridge (no sub-command; with the defaults, the embedded demo community) and
 * {@code responder} (the Responding Imaging Gateway alone). Options, then configuration, then start; wrong
 * options and configuration problems exit with 2 before anything starts, a failed start with 1.
 */
final class ServeCommand {
  private ServeCommand() {}

  /**
   * Parses, loads and starts; what Main runs, and what tests run in-process.
   *
   * @throws IllegalArgumentException for wrong options
   * @throws ConfigException          for configuration problems, all of them
   */
  static Future<Launcher.Running> start(Vertx vertx, LaunchOptions.Mode mode, String[] args, Map<String, String> env,
                                        Clock clock) throws ConfigException {
    LaunchOptions options = LaunchOptions.parse(mode, args);
    ConfigLoader.Loaded loaded = ConfigLoader.load(options.configFile(), options.configGiven(), env,
        options.overrides());
    return Launcher.start(vertx, mode, loaded, clock);
  }

  /** Returns the exit code, or -1 when the servers run and the JVM must stay up. */
  static int run(LaunchOptions.Mode mode, String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    Vertx vertx;
    Future<Launcher.Running> started;
    try {
      if (LaunchOptions.parse(mode, args).help()) {
        usage(out);
        return 0;
      }
      vertx = VertxRuntime.create();
      try {
        started = start(vertx, mode, args, System.getenv(), Clock.systemUTC());
      } catch (ConfigException | RuntimeException e) {
        vertx.close();
        throw e;
      }
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      usage(err);
      return 2;
    } catch (ConfigException e) {
      err.println("the configuration cannot be used:");
      e.problems().forEach(p -> err.println("  " + p));
      return 2;
    }
    try {
      Launcher.Running running = started.toCompletionStage().toCompletableFuture().get();
      Shutdown.install(vertx, running);
      return -1;
    } catch (ExecutionException e) {
      err.println("could not start: " + e.getCause().getMessage());
      vertx.close();
      return 1;
    }
  }

  static void usage(PrintStream out) {
    out.println("usage: java -jar xcai-bridge.jar [--config FILE] [--work-dir DIR] [--host H] [--port N] [--secure]");
    out.println("                                 [--responder-port N] [--data DIR]");
    out.println("           run the bridge; with no options, on its embedded demo community (generated once into");
    out.println("           WORK_DIR/demo); --data serves that folder of DICOM files instead");
    out.println("       java -jar xcai-bridge.jar responder [--folder DIR | --dicomweb URL] [--port N] [--host H]");
    out.println("                                 [--work-dir DIR] [--config FILE]");
    out.println("           run the Responding Imaging Gateway alone (without --folder/--dicomweb: the demo studies)");
    out.println("       --secure (either command): a TEST PKI generated once into WORK_DIR/pki, two-way TLS and");
    out.println("           signed XUA assertions at the responder, and the bridge's clients presenting both");
    out.println("       defaults: --config conf/application.yaml (built-in defaults when absent), --work-dir ./var,");
    out.println("       bridge --port 8080, responder port 8081; XCAI_* environment variables override the file");
  }
}
