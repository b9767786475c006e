package io.github.jitprovisioning.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainPatternTest {

    @Test
    void exactDomainMatchesItself() {
        assertThat(DomainPattern.matches("acme.com", "acme.com")).isTrue();
    }

    @Test
    void contractorOnSubdomainIsNotAnExactDomainUser() {
        assertThat(DomainPattern.matches("ext.acme.com", "acme.com")).isFalse();
    }

    @Test
    void contractorOnSubdomainMatchesWildcard() {
        assertThat(DomainPattern.matches("ext.acme.com", "*.acme.com")).isTrue();
    }

    @Test
    void wildcardMatchesItsBaseDomainToo() {
        assertThat(DomainPattern.matches("acme.com", "*.acme.com")).isTrue();
    }

    @Test
    void wildcardMatchesDeepSubdomains() {
        assertThat(DomainPattern.matches("a.b.acme.com", "*.acme.com")).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "evilacme.com, *.acme.com",
            "evilacme.com, acme.com",
            "acme.com.evil.com, acme.com",
            "acme.com.evil.com, *.acme.com",
            "acme.co, acme.com",
            "acme.com, acme.co",
            "cme.com, acme.com",
            "acme.comm, acme.com",
            "xacme.com, *.acme.com",
            "ext-acme.com, *.acme.com",
            "acme.com, *.ext.acme.com",
            "com, *.com",
    })
    void suffixAndPrefixTricksDoNotMatch(String domain, String pattern) {
        assertThat(DomainPattern.matches(domain, pattern)).isFalse();
    }

    @Test
    void parentDoesNotMatchSubdomainEntry() {
        assertThat(DomainPattern.matches("acme.com", "ext.acme.com")).isFalse();
    }

    @Test
    void cyrillicHomoglyphDoesNotMatchLatinDomain() {
        String homoglyph = DomainName.normalize("\u0430cme.com").orElseThrow();
        assertThat(DomainPattern.matches(homoglyph, "acme.com")).isFalse();
        assertThat(DomainPattern.matches(homoglyph, "*.acme.com")).isFalse();
    }

    @Test
    void registeredPatternIsNormalizedBeforeMatching() {
        assertThat(DomainPattern.matches("acme.com", "ACME.COM")).isTrue();
        assertThat(DomainPattern.matches("acme.com", "acme.com.")).isTrue();
        assertThat(DomainPattern.matches("ext.acme.com", "*.Acme.Com")).isTrue();
        assertThat(DomainPattern.matches("xn--bcher-kva.de", "bücher.de")).isTrue();
        assertThat(DomainPattern.matches("shop.xn--bcher-kva.de", "*.bücher.de")).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"acme.com, *", "acme.com, *.", "acme.com, '*acme.com'", "acme.com, ''", "acme.com, ' acme.com'"})
    void unparseablePatternMatchesNothing(String domain, String pattern) {
        assertThat(DomainPattern.matches(domain, pattern)).isFalse();
    }

    @Test
    void nullsMatchNothing() {
        assertThat(DomainPattern.matches(null, "acme.com")).isFalse();
        assertThat(DomainPattern.matches("acme.com", null)).isFalse();
    }

    @Test
    void invalidDomainMatchesNothing() {
        assertThat(DomainPattern.matches("acme..com", "*.acme.com")).isFalse();
        assertThat(DomainPattern.matches("evil acme.com", "*.acme.com")).isFalse();
    }
}
