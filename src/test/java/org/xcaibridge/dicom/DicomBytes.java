package org.xcaibridge.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Little-endian DICOM bytes written by hand, so that tests can declare any length and any nesting. */
final class DicomBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  DicomBytes preamble() {
    out.writeBytes(new byte[128]);
    return text("DICM");
  }

  DicomBytes explicit(int tag, String vr, long length) {
    tag(tag).text(vr);
    if (VR.fromCode(vr).longHeader()) {
      return u16(0).u32(length);
    }
    return u16((int) length);
  }

  DicomBytes implicit(int tag, long length) {
    return tag(tag).u32(length);
  }

  /** An item header; -1 is undefined length. */
  DicomBytes item(long length) {
    return tag(Tag.Item).u32(length);
  }

  DicomBytes endItem() {
    return tag(Tag.ItemDelimitationItem).u32(0);
  }

  DicomBytes endSequence() {
    return tag(Tag.SequenceDelimitationItem).u32(0);
  }

  DicomBytes filler(int n) {
    byte[] f = new byte[n];
    for (int i = 0; i < n; i++) {
      f[i] = (byte) ('A' + i % 26);
    }
    out.writeBytes(f);
    return this;
  }

  DicomBytes text(String s) {
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  DicomBytes raw(int... bytes) {
    for (int x : bytes) {
      out.write(x);
    }
    return this;
  }

  DicomBytes raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  private DicomBytes tag(int tag) {
    return u16(tag >>> 16).u16(tag & 0xFFFF);
  }

  private DicomBytes u16(int v) {
    out.write(v & 0xFF);
    out.write((v >>> 8) & 0xFF);
    return this;
  }

  private DicomBytes u32(long v) {
    return u16((int) (v & 0xFFFF)).u16((int) ((v >>> 16) & 0xFFFF));
  }

  byte[] done() {
    return out.toByteArray();
  }

}
