package org.xcaibridge.dicomweb;

import java.util.List;

/**
 * How one QIDO-RS key value matches an attribute, in the kinds of PS3.4 §C.2.2.2. A value's kind follows
 * from its text and the attribute's VR; {@link QidoQueryParser} decides, {@link QidoMatching} applies.
 */
public sealed interface Matcher permits Matcher.Universal, Matcher.Single, Matcher.UidList, Matcher.Wildcard,
    Matcher.Range, Matcher.AnyOf, Matcher.CombinedDateTime {

  /** An empty value, or a lone {@code *}: every entity matches; the attribute is a return key (§C.2.2.2.3). */
  record Universal() implements Matcher {}

  /** One value without wildcards (§C.2.2.2.1); for DA, TM and DT the whole period the value names. */
  record Single(String value) implements Matcher {}

  /** A list of UIDs (§C.2.2.2.2), written with commas (PS3.18 §8.3.4.1) or backslashes; any one may match. */
  record UidList(List<String> uids) implements Matcher {
    public UidList {
      uids = List.copyOf(uids);
    }
  }

  /** A value with {@code *} (any run of characters) or {@code ?} (one character) (§C.2.2.2.4). */
  record Wildcard(String pattern) implements Matcher {}

  /** A DA, TM or DT range (§C.2.2.2.5); a null bound is an open end. */
  record Range(String lower, String upper) implements Matcher {}

  /** Several values separated by backslashes: the entity matches if it matches any of them. */
  record AnyOf(List<Matcher> values) implements Matcher {
    public AnyOf {
      values = List.copyOf(values);
    }
  }

  /**
   * A date range and a time range of the same form on a DA/TM pair (StudyDate and StudyTime, …), matched
   * as one DT range (§C.2.2.2.5.4): {@code 20060705-20060707} with {@code 1000-1800} is July 5 10:00 to
   * July 7 18:00, not 10:00–18:00 on each day. Sits on the date key; the time key becomes universal.
   */
  record CombinedDateTime(int timeTag, Range date, Range time) implements Matcher {}
}
