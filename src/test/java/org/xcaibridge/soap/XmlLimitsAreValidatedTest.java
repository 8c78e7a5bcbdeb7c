package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Limits are checked when built and name the setting that is wrong. */
class XmlLimitsAreValidatedTest {

  @Test
  void nonsenseValuesAreRefusedByName() {
    assertThatThrownBy(() -> new XmlLimits(1, 10, 10, 10)).hasMessageContaining("maxDepth");
    assertThatThrownBy(() -> XmlLimits.DEFAULT.withMaxAttributes(0)).hasMessageContaining("maxAttributes");
    assertThatThrownBy(() -> XmlLimits.DEFAULT.withMaxDocumentBytes(0)).hasMessageContaining("maxDocumentBytes");
    assertThatThrownBy(() -> XmlLimits.DEFAULT.withMaxTextLength(-1)).hasMessageContaining("maxTextLength");
  }

  @Test
  void withersChangeOneLimitOnly() {
    XmlLimits l = XmlLimits.DEFAULT.withMaxDepth(7);
    assertThat(l).isEqualTo(new XmlLimits(7, XmlLimits.DEFAULT.maxAttributes(),
        XmlLimits.DEFAULT.maxDocumentBytes(), XmlLimits.DEFAULT.maxTextLength()));
    for (XmlLimits.Limit limit : XmlLimits.Limit.values()) {
      assertThat(l.valueOf(limit)).isPositive();
    }
    assertThat(l.valueOf(XmlLimits.Limit.MAX_DEPTH)).isEqualTo(7);
  }
}
