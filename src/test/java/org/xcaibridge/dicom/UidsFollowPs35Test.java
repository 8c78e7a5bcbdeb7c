package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PS3.5 §9.1: what a UID we write or are configured with may be, and the OID form that needs two components. */
class UidsFollowPs35Test {
  @ParameterizedTest
  @ValueSource(strings = {"1.2.840.10008.1.2.1", "0", "2.25.329800735698586629295641978511506172918",
      "1.0.3", "1.2.840.10008.11111111111111111111111111111111111111111111111111"})
  void valid(String uid) {
    assertThat(Uids.isValid(uid)).as(uid).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.02.3", "01.2", ".1.2", "1.2.", "1..2", "1.2a", "1.2 ", "urn:oid:1.2",
      "1.2.840.10008.111111111111111111111111111111111111111111111111111"})
  void invalid(String uid) {
    assertThat(Uids.isValid(uid)).as(uid).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1", "12"})
  void anOidHasAtLeastTwoComponents(String uid) {
    assertThat(Uids.isValid(uid)).isTrue();
    assertThat(Uids.isOid(uid)).isFalse();
    assertThat(Uids.isOid(uid + ".5")).isTrue();
  }
}
