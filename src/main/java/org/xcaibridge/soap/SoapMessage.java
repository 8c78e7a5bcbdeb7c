package org.xcaibridge.soap;

/**
 * A received envelope that was not a fault: its headers and what the body reader made of the body.
 *
 * @param <T> the body model
 */
public record SoapMessage<T>(SoapHeaders headers, T body) {
  public SoapMessage {
    java.util.Objects.requireNonNull(headers, "headers");
  }
}
