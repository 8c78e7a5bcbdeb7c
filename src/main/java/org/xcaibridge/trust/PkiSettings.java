package org.xcaibridge.trust;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the demo PKI's certificates look like, validated when built.
 *
 * @param validity how long each certificate is valid, 1 to 3650 whole days
 * @param rsaKeyBits RSA key size of the CA, server and client keys: 2048, 3072 or 4096
 * @param dnsNames DNS names in the server and client certificates' subjectAltName
 * @param ipAddresses IP address literals in their subjectAltName
 * @param organization the O= of every subject (letters, digits, space, '.', '-')
 */
public record PkiSettings(
    Duration validity, int rsaKeyBits, List<String> dnsNames, List<String> ipAddresses, String organization) {

  static final long MAX_VALIDITY_DAYS = 3650;
  private static final Pattern DNS = Pattern.compile(
      "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]{2,39}");
  // keytool parses -dname and -ext itself: ',', '=', '"' or '+' would change what it builds
  private static final Pattern ORGANIZATION = Pattern.compile("[A-Za-z0-9 .\\-]{1,64}");

  public PkiSettings {
    Objects.requireNonNull(validity, "validity");
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
    Objects.requireNonNull(organization, "organization");
    long days = validity.toDays();
    if (days < 1 || days > MAX_VALIDITY_DAYS || !validity.equals(Duration.ofDays(days))) {
      throw new IllegalArgumentException(
          "validity must be 1 to " + MAX_VALIDITY_DAYS + " whole days, was " + validity);
    }
    if (rsaKeyBits != 2048 && rsaKeyBits != 3072 && rsaKeyBits != 4096) {
      throw new IllegalArgumentException("rsaKeyBits must be 2048, 3072 or 4096, was " + rsaKeyBits);
    }
    if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
      throw new IllegalArgumentException("the server certificate needs at least one DNS name or IP address");
    }
    for (String d : dnsNames) {
      if (d.length() > 253 || !DNS.matcher(d).matches()) {
        throw new IllegalArgumentException("not a DNS name: '" + d + "'");
      }
    }
    for (String ip : ipAddresses) {
      if (!IPV4.matcher(ip).matches() && !(ip.contains(":") && IPV6.matcher(ip).matches())) {
        throw new IllegalArgumentException("not an IP address literal: '" + ip + "'");
      }
    }
    if (!ORGANIZATION.matcher(organization).matches()) {
      throw new IllegalArgumentException(
          "organization must be 1-64 letters, digits, spaces, '.' or '-', was '" + organization + "'");
    }
  }

  /** One year, RSA 2048, localhost and 127.0.0.1: what the secure demo runs with. */
  public static PkiSettings demo() {
    return new PkiSettings(Duration.ofDays(365), 2048, List.of("localhost"), List.of("127.0.0.1"),
        "XCA-I Bridge demo");
  }

  /** The keytool {@code -ext san=} value. */
  String subjectAltNames() {
    StringBuilder sb = new StringBuilder("san=");
    String sep = "";
    for (String d : dnsNames) {
      sb.append(sep).append("dns:").append(d);
      sep = ",";
    }
    for (String ip : ipAddresses) {
      sb.append(sep).append("ip:").append(ip);
      sep = ",";
    }
    return sb.toString();
  }
}
