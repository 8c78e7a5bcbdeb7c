package org.xcaibridge.trust;

/**
 * An {@link AuditReconnectPolicy} setting is out of range; names the setting, the value given and the range.
 * Thrown when the policy is built, so a bad configuration stops the bridge at start-up.
 */
public final class AuditReconnectPolicyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String setting;
  private final String value;

  public AuditReconnectPolicyException(String setting, String value, String rule) {
    super("audit reconnect " + setting + " " + rule + ", was " + value);
    this.setting = setting;
    this.value = value;
  }

  /** The name of the setting: initialDelay, factor, maxDelay or jitter. */
  public String setting() {
    return setting;
  }

  public String value() {
    return value;
  }
}
