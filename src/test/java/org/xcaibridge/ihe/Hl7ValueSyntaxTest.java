package org.xcaibridge.ihe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CX/CXi/CE encoding with HL7 v2 escapes, and the stored-query quoting of protocol.md §2.2. */
class Hl7ValueSyntaxTest {

  @Test
  void cxEscapesDelimitersInTheId() {
    Cx cx = new Cx("a^b&c|d~e\\f", "1.2.3");
    assertThat(cx.encode()).isEqualTo("a\\S\\b\\T\\c\\F\\d\\R\\e\\E\\f^^^&1.2.3&ISO");
    assertThat(Cx.parse(cx.encode())).isEqualTo(cx);
    assertThat(QueryValues.quote(new Cx("O'Neil", "1.2").encode())).isEqualTo("'O''Neil^^^&1.2&ISO'");
    assertThat(Cx.parse(" 123^^^1.2.3 ")).isEqualTo(new Cx("123", "1.2.3")); // authority without sub-components
  }

  @Test
  void cxiAndCodes() {
    assertThat(ReferenceId.studyInstanceUid("1.2.3").encode()).isEqualTo("1.2.3^^^^urn:ihe:iti:xds:2016:studyInstanceUID");
    assertThat(ReferenceId.accession("A1", "2.16.1").encode()).isEqualTo("A1^^^&2.16.1&ISO^urn:ihe:iti:xds:2013:accession");
    assertThat(ReferenceId.parse("X^^^^")).isEqualTo(new ReferenceId("X", null, null));
    assertThat(Code.KOS_FORMAT.encodeCe()).isEqualTo("1.2.840.10008.5.1.4.1.1.88.59^^1.2.840.10008.2.6.1");
    assertThat(Code.parseCe("34133-9^Summary^2.16.840.1.113883.6.1"))
        .isEqualTo(new Code("34133-9", "2.16.840.1.113883.6.1", "Summary"));
  }

  @Test
  void queryLists() {
    assertThat(QueryValues.listItem("urn:a")).isEqualTo("('urn:a')");
    assertThat(QueryValues.parseList("('a','b,c', 'd''e')")).isEqualTo(List.of("a", "b,c", "d'e"));
    assertThat(QueryValues.parseList("(x, y)")).isEqualTo(List.of("x", "y"));
    assertThat(QueryValues.unquote(" 'it''s' ")).isEqualTo("it's");
  }

  @Test
  void statusesAndSeveritiesByUrnOrWord() {
    assertThat(ResponseStatus.fromUrn("urn:ihe:iti:2007:ResponseStatusType:PartialSuccess")).isEqualTo(ResponseStatus.PARTIAL_SUCCESS);
    assertThat(ResponseStatus.fromUrn("urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:PartialSuccess"))
        .isEqualTo(ResponseStatus.PARTIAL_SUCCESS);
    assertThat(ResponseStatus.fromUrn("Nope")).isNull();
    assertThat(ResponseStatus.ofOutcome(0, false)).isEqualTo(ResponseStatus.SUCCESS);
    assertThat(ResponseStatus.ofOutcome(0, true)).isEqualTo(ResponseStatus.FAILURE);
    assertThat(ResponseStatus.ofOutcome(2, true)).isEqualTo(ResponseStatus.PARTIAL_SUCCESS);
    assertThat(ErrorSeverity.fromUrn(null)).isEqualTo(ErrorSeverity.ERROR);
    assertThat(ErrorSeverity.fromUrn("Warning")).isEqualTo(ErrorSeverity.WARNING);
  }
}
