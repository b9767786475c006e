package io.github.jitprovisioning.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNameTest {

    private static String label(int length) {
        return "a".repeat(length);
    }

    @Test
    void plainDomainStaysAsItIs() {
        assertThat(DomainName.normalize("acme.com")).contains("acme.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ACME.COM", "Acme.Com", "aCmE.cOm"})
    void upperAndMixedCaseAreLowerCased(String raw) {
        assertThat(DomainName.normalize(raw)).contains("acme.com");
    }

    @Test
    void germanUmlautBecomesPunycode() {
        assertThat(DomainName.normalize("bücher.de")).contains("xn--bcher-kva.de");
        assertThat(DomainName.normalize("BÜCHER.DE")).contains("xn--bcher-kva.de");
    }

    @Test
    void punycodeInputStaysPunycode() {
        assertThat(DomainName.normalize("xn--bcher-kva.de")).contains("xn--bcher-kva.de");
        assertThat(DomainName.normalize("XN--BCHER-KVA.DE")).contains("xn--bcher-kva.de");
    }

    @Test
    void cyrillicHomoglyphBecomesADifferentPunycodeDomain() {
        String cyrillicA = "\u0430";
        assertThat(DomainName.normalize(cyrillicA + "cme.com"))
                .hasValueSatisfying(domain -> assertThat(domain).startsWith("xn--").isNotEqualTo("acme.com"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "\uFF41\uFF43\uFF4D\uFF45.com",   // full-width letters: IDNA2003 maps them to acme.com
            "ACME\uFF0Ecom",                     // full-width full stop
            "acme\u3002com",                     // ideographic full stop
            "acme.com\u3002",                    // ideographic trailing dot
            "acme\uFF61com",                     // half-width ideographic full stop
            "stra\u00DFe.de",                    // sharp s: IDNA2003 maps it to "ss" (strasse.de)
            "\u03BF\u03B4\u03BF\u03C2.gr",       // final sigma: mapped to sigma
            "bu\u0308cher.de",                   // decomposed u-umlaut: NFKC composes it (xn--bcher-kva.de)
            "\u2460.com",                        // circled digit one: mapped to "1"
            "\u212Acme.com"                      // Kelvin sign: mapped to "k"
    })
    void domainsThatIdnaMapsToAnotherStringAreRefused(String mapped) {
        assertThat(DomainName.normalize(mapped)).isEmpty();
    }

    @Test
    void properULabelsThatRoundTripAreAccepted() {
        assertThat(DomainName.normalize("b\u00FCcher.de")).contains("xn--bcher-kva.de");
        assertThat(DomainName.normalize("B\u00DCCHER.de.")).contains("xn--bcher-kva.de");
        assertThat(DomainName.normalize("\u03BF\u03B4\u03BF\u03C3.gr")).isPresent();
        assertThat(DomainName.normalize("m\u00FCnchen.xn--bcher-kva.de")).contains("xn--mnchen-3ya.xn--bcher-kva.de");
    }

    @Test
    void oneTrailingDotIsRemoved() {
        assertThat(DomainName.normalize("acme.com.")).contains("acme.com");
    }

    @Test
    void twoTrailingDotsAreInvalid() {
        assertThat(DomainName.normalize("acme.com..")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {".acme.com", "acme..com", ".", "..", ""})
    void emptyLabelsAreInvalid(String raw) {
        assertThat(DomainName.normalize(raw)).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    void nullIsInvalid(String raw) {
        assertThat(DomainName.normalize(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"com", "localhost", "com.", "de"})
    void topLevelDomainAloneIsNoEmailDomain(String raw) {
        assertThat(DomainName.normalize(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "acme.123"})
    void allNumericTopLevelLabelIsNoDomain(String raw) {
        assertThat(DomainName.normalize(raw)).isEmpty();
    }

    @Test
    void numericLabelsBelowTheTopAreFine() {
        assertThat(DomainName.normalize("123.acme.com")).contains("123.acme.com");
        assertThat(DomainName.normalize("3m.com")).contains("3m.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-acme.com", "acme-.com", "acme.-com", "acme.com-"})
    void labelsMayNotStartOrEndWithHyphen(String raw) {
        assertThat(DomainName.normalize(raw)).isEmpty();
    }

    @Test
    void hyphensInsideLabelsAreFine() {
        assertThat(DomainName.normalize("my-acme.co-op.com")).contains("my-acme.co-op.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ac_me.com", "acme!.com", "ac*me.com", "*.acme.com", "acme.com/x", "acme.com:443",
            "[10.0.0.1]", "ac@me.com", "ac\"me.com", "acme,com.org"})
    void nonLdhCharactersAreInvalid(String raw) {
        assertThat(DomainName.normalize(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {" acme.com", "acme.com ", "ac me.com", "acme.com\n", "\tacme.com", "acme.com\r",
            "ac\u0000me.com", "acme.com\u0000", "ac\u007Fme.com", "ac\u0085me.com", "acme\u00A0.com",
            "acme.com\u2028", "ac\u3000me.com"})
    void whitespaceAndControlCharactersAreInvalidNotTrimmed(String raw) {
        assertThat(DomainName.normalize(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ac\u200Bme.com", "ac\u200Cme.com", "ac\u200Dme.com", "ac\u00ADme.com",
            "\uFEFFacme.com", "ac\u2060me.com", "ac\u034Fme.com", "ac\uFE0Fme.com", "ac\u180Bme.com"})
    void invisibleCharactersThatIdnaWouldDeleteAreInvalid(String raw) {
        assertThat(DomainName.normalize(raw)).isEmpty();
    }

    @Test
    void loneSurrogateIsInvalid() {
        assertThat(DomainName.normalize("ac\uD800me.com")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"xn--zz.com", "xn--.com", "acme.xn--"})
    void malformedPunycodeLabelsAreInvalid(String raw) {
        assertThat(DomainName.normalize(raw)).isEmpty();
    }

    @Test
    void labelOf63CharactersIsFine() {
        String domain = label(63) + ".com";
        assertThat(DomainName.normalize(domain)).contains(domain);
    }

    @Test
    void labelOf64CharactersIsInvalid() {
        assertThat(DomainName.normalize(label(64) + ".com")).isEmpty();
    }

    @Test
    void unicodeLabelWhosePunycodeExceeds63CharactersIsInvalid() {
        assertThat(DomainName.normalize("ü".repeat(60) + ".de")).isEmpty();
    }

    @Test
    void domainOf253CharactersIsFine() {
        String domain = domainOfLength(253);
        assertThat(domain).hasSize(253);
        assertThat(DomainName.normalize(domain)).contains(domain);
        assertThat(DomainName.normalize(domain + ".")).contains(domain);
    }

    @Test
    void domainOf254CharactersIsInvalid() {
        assertThat(DomainName.normalize(domainOfLength(254))).isEmpty();
    }

    @Test
    void hugeInputIsInvalidWithoutWork() {
        assertThat(DomainName.normalize("a.".repeat(5000) + "com")).isEmpty();
    }

    @Test
    void exactPatternNormalizesLikeADomain() {
        assertThat(DomainName.normalizePattern("ACME.com.")).contains("acme.com");
    }

    @Test
    void wildcardPatternKeepsItsPrefixAndNormalizesTheRest() {
        assertThat(DomainName.normalizePattern("*.ACME.com")).contains("*.acme.com");
        assertThat(DomainName.normalizePattern("*.bücher.de")).contains("*.xn--bcher-kva.de");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "*.", "*.com", "**.acme.com", "*acme.com", "a.*.acme.com", "acme.*", " *.acme.com",
            "*. acme.com", ""})
    void malformedPatternsAreRejected(String raw) {
        assertThat(DomainName.normalizePattern(raw)).isEmpty();
    }

    @Test
    void nullPatternIsRejected() {
        assertThat(DomainName.normalizePattern(null)).isEmpty();
    }

    /** Labels of 63 characters joined by dots, ending in ".com", of exactly {@code length} characters. */
    static String domainOfLength(int length) {
        StringBuilder domain = new StringBuilder("com");
        while (domain.length() < length) {
            int room = length - domain.length() - 1;
            domain.insert(0, label(Math.min(63, Math.max(1, room))) + ".");
        }
        return domain.toString();
    }
}
