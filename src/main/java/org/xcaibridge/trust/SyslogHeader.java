package org.xcaibridge.trust;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The fixed fields of the RFC 5424 header of every audit message this node sends, and the formatting of one
 * SYSLOG-MSG (RFC 5424 §6) carrying a PS3.15 audit message the way IHE ITI TF-2 §3.20.7 wants it:
 *
 * <pre>{@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID IHE+RFC-3881 [meta sequenceId="n"] BOM<?xml …>}</pre>
 *
 * <ul>
 *   <li>PRI: facility 10 (security/authorization); severity 5 (notice) for a successful event, 4 (warning)
 *       for any failure outcome.
 *   <li>MSGID "IHE+RFC-3881": IHE's name for the audit payload, kept for the DICOM format that grew out of
 *       RFC 3881. APP-NAME is this application's name, PROCID its process id (both passed in).
 *   <li>STRUCTURED-DATA: the IANA-registered {@code meta} element (RFC 5424 §7.3.1) with {@code sequenceId}:
 *       the spool's record number, so a receiver can drop the copies that at-least-once delivery may send
 *       twice (dedup key: HOSTNAME, APP-NAME, sequenceId). It wraps from 2147483647 back to 1, as §7.3.1 says.
 *   <li>MSG: the XML in UTF-8, preceded by the BOM when {@code byteOrderMark} is set (RFC 5424 §6.4 marks
 *       UTF-8 MSG with a BOM; some old collectors choke on it, so it can be turned off).
 * </ul>
 *
 * @param hostName HOSTNAME: this node's FQDN or address, 1–255 printable US-ASCII, or "-"
 * @param appName  APP-NAME, 1–48 printable US-ASCII
 * @param procId   PROCID, 1–128 printable US-ASCII, or "-"
 * @param msgId    MSGID, 1–32 printable US-ASCII
 */
public record SyslogHeader(String hostName, String appName, String procId, String msgId) {
  /** MSGID of an IHE audit message. */
  public static final String IHE_MSGID = "IHE+RFC-3881";
  /** security/authorization messages (RFC 5424 Table 1). */
  public static final int FACILITY_AUTH = 10;
  public static final int SEVERITY_WARNING = 4;
  public static final int SEVERITY_NOTICE = 5;
  /** RFC 5424 §7.3.1: sequenceId is 1 to 2147483647. */
  static final long MAX_SEQUENCE_ID = 2_147_483_647L;

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  public SyslogHeader {
    checkField("HOSTNAME", hostName, 255);
    checkField("APP-NAME", appName, 48);
    checkField("PROCID", procId, 128);
    checkField("MSGID", msgId, 32);
  }

  /** The header IHE ATNA wants: MSGID "IHE+RFC-3881". */
  public static SyslogHeader ihe(String hostName, String appName, String procId) {
    return new SyslogHeader(hostName, appName, procId, IHE_MSGID);
  }

  /**
   * One SYSLOG-MSG (unframed).
   *
   * @param timestamp  when the event was reported (RFC 5424: the originator's time), written in UTC to the ms
   * @param severity   0–7
   * @param sequence   the spool record number (≥ 1); written modulo the sequenceId range
   * @param xml        the audit message, UTF-8
   */
  public byte[] format(Instant timestamp, int severity, long sequence, byte[] xml, boolean byteOrderMark) {
    if (severity < 0 || severity > 7) {
      throw new IllegalArgumentException("severity must be 0..7, was " + severity);
    }
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be ≥ 1, was " + sequence);
    }
    String head = "<" + (FACILITY_AUTH * 8 + severity) + ">1 " + TIMESTAMP.format(timestamp) + ' ' + hostName + ' '
        + appName + ' ' + procId + ' ' + msgId + " [meta sequenceId=\"" + sequenceId(sequence) + "\"] ";
    ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + 3 + xml.length);
    out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    if (byteOrderMark) {
      out.writeBytes(BOM);
    }
    out.writeBytes(xml);
    return out.toByteArray();
  }

  /** The sequenceId written for a spool record number: 1..2147483647, wrapping. */
  public static long sequenceId(long sequence) {
    return (sequence - 1) % MAX_SEQUENCE_ID + 1;
  }

  /** RFC 5425 §4.3 octet-counting: {@code MSG-LEN SP SYSLOG-MSG}. */
  public static byte[] octetCounted(byte[] syslogMessage) {
    byte[] prefix = (syslogMessage.length + " ").getBytes(StandardCharsets.US_ASCII);
    byte[] frame = new byte[prefix.length + syslogMessage.length];
    System.arraycopy(prefix, 0, frame, 0, prefix.length);
    System.arraycopy(syslogMessage, 0, frame, prefix.length, syslogMessage.length);
    return frame;
  }

  private static void checkField(String field, String value, int maxLength) {
    if (value == null || value.isEmpty() || value.length() > maxLength) {
      throw new IllegalArgumentException(field + " must be 1.." + maxLength + " characters, was "
          + (value == null ? "null" : value.length()));
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 33 || c > 126) {
        throw new IllegalArgumentException(field + " must be printable US-ASCII without spaces (RFC 5424 §6),"
            + " found U+" + String.format("%04X", (int) c) + " at " + i);
      }
    }
  }
}
