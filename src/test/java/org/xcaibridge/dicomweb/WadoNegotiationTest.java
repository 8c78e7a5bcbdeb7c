package org.xcaibridge.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xcaibridge.dicom.TransferSyntax;

/**
 * The Accept headers each client really sends (dicomweb.md §1.2) against instances stored natively and
 * compressed: what is chosen, and a 406 that lists what can be produced when nothing fits.
 */
class WadoNegotiationTest {
  private static final String ELE = "1.2.840.10008.1.2.1";
  private static final String IMPLICIT = "1.2.840.10008.1.2";
  private static final String JPEG = "1.2.840.10008.1.2.4.50";
  private static final String J2K = "1.2.840.10008.1.2.4.91";
  private static final String RLE = "1.2.840.10008.1.2.5";

  @ParameterizedTest(name = "{0} | {1} stored {2}")
  @CsvSource(delimiter = '|', value = {
      // OHIF frames (cornerstone wadors loader with OHIF's beforeSend), quoted and unquoted
      "FRAMES | multipart/related; type=\"application/octet-stream\"; transfer-syntax=\"*\" | " + ELE
          + " | application/octet-stream; transfer-syntax=" + ELE + " | true",
      "FRAMES | multipart/related; type=\"application/octet-stream\"; transfer-syntax=\"*\" | " + JPEG
          + " | image/jpeg; transfer-syntax=" + JPEG + " | true",
      "FRAMES | multipart/related; type=application/octet-stream; transfer-syntax=* | " + J2K
          + " | image/jp2; transfer-syntax=" + J2K + " | true",
      "FRAMES | multipart/related; type=application/octet-stream; transfer-syntax=* | " + IMPLICIT
          + " | application/octet-stream; transfer-syntax=" + ELE + " | true",
      // dicomweb-client JS default for frames and bulk data
      "FRAMES | multipart/related; type=\"application/octet-stream\" | " + ELE
          + " | application/octet-stream; transfer-syntax=" + ELE + " | true",
      // Python client default for frames
      "FRAMES | multipart/related; type=\"*/*\" | " + RLE + " | image/dicom-rle; transfer-syntax=" + RLE + " | true",
      "FRAMES | multipart/related; type=\"image/jpeg\" | " + JPEG + " | image/jpeg; transfer-syntax=" + JPEG + " | true",
      "FRAMES | multipart/related; type=\"image/jp2\"; transfer-syntax=" + J2K + " | " + J2K
          + " | image/jp2; transfer-syntax=" + J2K + " | true",
      // dicomweb-client with singlepart
      "BULKDATA | application/octet-stream | " + ELE + " | application/octet-stream; transfer-syntax=" + ELE + " | false",
      // instances: no Accept, curl's */*, dicomweb-client, Python client with a syntax
      "INSTANCES | | " + IMPLICIT + " | application/dicom; transfer-syntax=" + ELE + " | true",
      "INSTANCES | */* | " + JPEG + " | application/dicom; transfer-syntax=" + JPEG + " | true",
      "INSTANCES | multipart/related; type=\"application/dicom\" | " + ELE + " | application/dicom; transfer-syntax="
          + ELE + " | true",
      "INSTANCES | multipart/related; type=\"application/dicom\"; transfer-syntax=* | " + JPEG
          + " | application/dicom; transfer-syntax=" + JPEG + " | true",
      "INSTANCES | multipart/related; type=\"application/dicom\"; transfer-syntax=" + JPEG + " | " + JPEG
          + " | application/dicom; transfer-syntax=" + JPEG + " | true",
      // q-values: the heavier choice is tried first, the next one when it cannot be made
      "INSTANCES | multipart/related; type=\"application/dicom\"; transfer-syntax=" + JPEG
          + "; q=0.5, multipart/related; type=\"application/dicom\"; q=0.9 | " + JPEG
          + " | application/dicom; transfer-syntax=" + JPEG + " | true",
      "INSTANCES | multipart/related; type=\"application/dicom\"; transfer-syntax=" + JPEG
          + "; q=0.5, multipart/related; type=\"application/dicom\"; q=0.9 | " + ELE
          + " | application/dicom; transfer-syntax=" + ELE + " | true",
      // Orthanc's way of writing the syntax inside type="…"
      "FRAMES | multipart/related; type=\"application/octet-stream; transfer-syntax=" + ELE + "\" | " + ELE
          + " | application/octet-stream; transfer-syntax=" + ELE + " | true",
      // media type names are case-insensitive (PS3.18 §8.7)
      "INSTANCES | Multipart/Related; Type=\"Application/DICOM\" | " + ELE + " | application/dicom; transfer-syntax="
          + ELE + " | true",
  })
  void chooses(WadoTarget target, String accept, String stored, String partContentType, boolean multipart) {
    WadoRepresentation r = WadoNegotiation.negotiate(target, accept == null ? List.of() : List.of(accept), null)
        .forStored(TransferSyntax.of(stored));
    assertThat(r.partContentType()).isEqualTo(partContentType);
    assertThat(r.multipart()).isEqualTo(multipart);
  }

  @Test
  void compressedFramesAskedUncompressedAre406ListingWhatCanBeMade() {
    WadoNegotiation n = WadoNegotiation.negotiate(WadoTarget.FRAMES,
        List.of("multipart/related; type=\"application/octet-stream\""), null);
    assertThatThrownBy(() -> n.forStored(TransferSyntax.JPEG_BASELINE))
        .isInstanceOfSatisfying(DicomWebException.NotAcceptable.class, e -> {
          assertThat(e.getMessage()).contains("stored as JPEG Baseline (Process 1) (" + JPEG + ")");
          assertThat(e.producible()).contains("multipart/related; type=\"image/jpeg\"; transfer-syntax=" + JPEG,
              "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*");
        });
  }

  @Test
  void implicitVrIsNotMadeForTheWeb() {
    WadoNegotiation n = WadoNegotiation.negotiate(WadoTarget.INSTANCES,
        List.of("multipart/related; type=\"application/dicom\"; transfer-syntax=" + IMPLICIT), null);
    assertThatThrownBy(() -> n.forStored(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN))
        .isInstanceOf(DicomWebException.NotAcceptable.class)
        .hasMessageContaining("transfer-syntax=" + ELE);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "FRAMES | image/jpeg",
      "FRAMES | image/png, text/html",
      "INSTANCES | application/dicom",
      "METADATA | multipart/related; type=\"application/dicom+xml\"",
      "FRAMES | multipart/related; type=\"application/octet-stream\"; q=0",
  })
  void nothingProducibleIs406Upfront(WadoTarget target, String accept) {
    assertThatThrownBy(() -> WadoNegotiation.negotiate(target, List.of(accept), null))
        .isInstanceOfSatisfying(DicomWebException.NotAcceptable.class,
            e -> assertThat(e.producible()).isNotEmpty().isEqualTo(WadoNegotiation.producible(target, null)));
  }

  @Test
  void metadataTypes() {
    assertThat(WadoNegotiation.negotiate(WadoTarget.METADATA, List.of("application/dicom+json, application/json"), null)
        .metadataMediaType()).isEqualTo("application/dicom+json");
    assertThat(WadoNegotiation.negotiate(WadoTarget.METADATA, List.of("application/json"), null)
        .metadataMediaType()).isEqualTo("application/json");
    assertThat(WadoNegotiation.negotiate(WadoTarget.METADATA, List.of(), null).metadataMediaType())
        .isEqualTo("application/dicom+json");
    assertThat(WadoNegotiation.negotiate(WadoTarget.METADATA, List.of("text/html", "*/*;q=0.8"), null)
        .metadataMediaType()).isEqualTo("application/dicom+json");
  }

  @Test
  void theAcceptQueryParameterReplacesTheHeader() {
    WadoNegotiation n = WadoNegotiation.negotiate(WadoTarget.INSTANCES, List.of("image/png"),
        "multipart/related; type=\"application/dicom\"");
    assertThat(n.forStored(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).mediaType()).isEqualTo("application/dicom");
  }

  @Test
  void requestedSyntaxesEndWithExplicitLittleEndianOrAreEmptyForStar() {
    assertThat(WadoNegotiation.negotiate(WadoTarget.FRAMES, List.of("multipart/related; type=\"image/jpeg\", "
        + "multipart/related; type=\"image/jp2\"; transfer-syntax=" + J2K + "; q=0.7"), null).requestedSyntaxes())
        .containsExactly(JPEG, J2K, ELE);
    assertThat(WadoNegotiation.negotiate(WadoTarget.FRAMES,
        List.of("multipart/related; type=application/octet-stream; transfer-syntax=*"), null).requestedSyntaxes()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "text | not a media range",
      "multipart/related; q=2 | not a number from 0 to 1",
      "multipart/related; type=\"application/dicom\"; transfer-syntax=abc | not a transfer syntax UID",
      "multipart/related; type | has no value",
  })
  void malformedAcceptIs400(String accept, String says) {
    assertThatThrownBy(() -> WadoNegotiation.negotiate(WadoTarget.INSTANCES, List.of(accept), null))
        .isInstanceOfSatisfying(DicomWebException.BadRequest.class, e -> {
          assertThat(e.parameter()).isEqualTo("Accept");
          assertThat(e.getMessage()).contains(says);
        });
  }
}
