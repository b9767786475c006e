package io.github.jitprovisioning.core.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class PortalInputTest {

    @Test
    void namesAreBoundedAsKeycloaksUserProfileBoundsThem() {
        assertThat(PortalInput.personNameRefusal("N".repeat(255))).isEmpty();
        assertThat(PortalInput.personNameRefusal("N".repeat(256))).hasValueSatisfying(why -> assertThat(why).contains("255"));
        assertThat(PortalInput.personNameRefusal("O'Neil-Ünal")).isEmpty();
        assertThat(PortalInput.personNameRefusal("محمد رضا")).isEmpty();
        for (String bad : new String[]{"<b>", "a&b", "x=y", "(x)", "a/b", "a;b", "a\u0000b", "a\u202Eb", "a\nb"}) {
            assertThat(PortalInput.personNameRefusal(bad)).as(bad).isPresent();
        }
    }

    @Test
    void emailsFollowRfc5321Lengths() {
        assertThat(PortalInput.emailRefusal("carol@acme.test")).isEmpty();
        assertThat(PortalInput.emailRefusal("l".repeat(64) + "@acme.test")).isEmpty();
        assertThat(PortalInput.emailRefusal("l".repeat(65) + "@acme.test")).isPresent();
        assertThat(PortalInput.emailRefusal("a@" + "d".repeat(250) + ".test")).hasValueSatisfying(why -> assertThat(why).contains("254"));
        assertThat(PortalInput.emailRefusal("not an address")).isPresent();
    }

    @Test
    void otherTextIsBoundedAndStorable() {
        assertThat(PortalInput.textRefusal("s".repeat(255))).isEmpty();
        assertThat(PortalInput.textRefusal("s".repeat(256))).isPresent();
        assertThat(PortalInput.textRefusal("a\u0000")).isPresent();
    }

    @Test
    void decisionsMaxIsAWholeNumberFromOneToFiveHundred() {
        assertThat(PortalInput.decisionsMax(null)).isEqualTo(OptionalInt.of(100));
        assertThat(PortalInput.decisionsMax("1")).isEqualTo(OptionalInt.of(1));
        assertThat(PortalInput.decisionsMax("500")).isEqualTo(OptionalInt.of(500));
        assertThat(PortalInput.decisionsMax(" 42 ")).isEqualTo(OptionalInt.of(42));
        for (String bad : new String[]{"", "abc", "0", "-1", "501", "99999999999", "1.5", "1e2", "+5", "٣"}) {
            assertThat(PortalInput.decisionsMax(bad)).as(bad).isEmpty();
        }
    }
}
