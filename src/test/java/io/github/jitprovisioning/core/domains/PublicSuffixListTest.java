package io.github.jitprovisioning.core.domains;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class PublicSuffixListTest {

    @Test
    void theBundledListIsTheMaintainedOneWithItsDate() {
        PublicSuffixList bundled = PublicSuffixList.bundled();
        assertThat(bundled.date()).isPresent();
        assertThat(bundled.date().get()).isAfter(LocalDate.of(2026, 1, 1));
        assertThat(bundled.size()).isGreaterThan(9000);
        // added to the list after 9 February 2023, the date of the copy bundled before
        assertThat(bundled.isPublicSuffix("aem.live")).isTrue();
        assertThat(bundled.isPublicSuffix("com")).isTrue();
        assertThat(bundled.isPublicSuffix("acme.com")).isFalse();
    }

    @Test
    void theDateIsTheVersionLineAndAListWithoutOneIsStale() throws Exception {
        PublicSuffixList dated = PublicSuffixList.parse(new StringReader(
                "// header\n// VERSION: 2026-10-06_16-13-12_UTC\n// COMMIT: abc\ncom\n"));
        assertThat(dated.date()).contains(LocalDate.of(2026, 10, 6));
        assertThat(dated.staleOn(LocalDate.of(2027, 10, 6))).isFalse();
        assertThat(dated.staleOn(LocalDate.of(2027, 10, 7))).isTrue();
        PublicSuffixList undated = PublicSuffixList.parse(new StringReader("com\n"));
        assertThat(undated.date()).isEmpty();
        assertThat(undated.staleOn(LocalDate.of(2020, 1, 1))).isTrue();
    }
}
