package org.xcaibridge.ihe;

/** HL7 v3 TEL: a URL ({@code tel:…}, {@code mailto:…}) and its use code (HP, WP …, may be null). */
public record Telecom(String value, String use) {}
