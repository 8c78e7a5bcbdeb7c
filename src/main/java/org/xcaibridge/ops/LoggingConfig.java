package org.xcaibridge.ops;

import java.util.Locale;

/**
 * What the log looks like: plain lines or one JSON object per line (for a log collector), whether each HTTP
 * request gets its line, and whether patient data (ids, names in query parameters) may appear. Off by default:
 * logs travel further than the data they describe.
 *
 * @param json        {@code logging.format: json}
 * @param requests    {@code logging.requests}: one line per request with its correlation id
 * @param patientData {@code logging.patientData}: request lines keep query strings (which carry patient ids)
 */
public record LoggingConfig(boolean json, boolean requests, boolean patientData) {
  static final LoggingConfig DEFAULT = new LoggingConfig(false, true, false);

  static LoggingConfig read(ConfigReader r) {
    String format = r.text("format", "text").toLowerCase(Locale.ROOT);
    if (!format.equals("text") && !format.equals("json")) {
      r.problem("format", "text or json, was '" + format + "'");
    }
    return new LoggingConfig(format.equals("json"), r.flag("requests", true), r.flag("patientData", false));
  }
}
