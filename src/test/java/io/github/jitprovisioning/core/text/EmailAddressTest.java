package io.github.jitprovisioning.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @Test
    void plainAddressParses() {
        assertThat(EmailAddress.parse("joe@acme.com")).contains(new EmailAddress("joe", "acme.com"));
    }

    @Test
    void upperCaseAddressKeepsLocalPartAsSentAndLowerCasesTheDomain() {
        EmailAddress email = EmailAddress.parse("JOE@ACME.COM").orElseThrow();
        assertThat(email.localPart()).isEqualTo("JOE");
        assertThat(email.domain()).isEqualTo("acme.com");
        assertThat(email.address()).isEqualTo("joe@acme.com");
    }

    @Test
    void mixedCaseAddressesCompareEqualThroughAddress() {
        assertThat(EmailAddress.parse("Joe.Smith@Acme.Com").orElseThrow().address())
                .isEqualTo(EmailAddress.parse("joe.smith@acme.com").orElseThrow().address())
                .isEqualTo("joe.smith@acme.com");
    }

    @Test
    void internationalDomainBecomesPunycode() {
        EmailAddress email = EmailAddress.parse("joe@bücher.de").orElseThrow();
        assertThat(email.domain()).isEqualTo("xn--bcher-kva.de");
        assertThat(email.address()).isEqualTo("joe@xn--bcher-kva.de");
    }

    @Test
    void cyrillicHomoglyphDomainIsNotAcme() {
        EmailAddress email = EmailAddress.parse("joe@\u0430cme.com").orElseThrow();
        assertThat(email.domain()).startsWith("xn--").isNotEqualTo("acme.com");
        assertThat(DomainPattern.matches(email.domain(), "acme.com")).isFalse();
    }

    @Test
    void trailingDotOfTheDomainIsRemoved() {
        assertThat(EmailAddress.parse("joe@acme.com.")).contains(new EmailAddress("joe", "acme.com"));
    }

    @Test
    void twoTrailingDotsAreInvalid() {
        assertThat(EmailAddress.parse("joe@acme.com..")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"joe.smith", "joe+tag", "o'brien", "a!#$%&'*+-/=?^_`{|}~z", "1", "x", "j.o.e",
            "-joe-", "_joe"})
    void dotAtomLocalPartsParse(String localPart) {
        assertThat(EmailAddress.parse(localPart + "@acme.com")).map(EmailAddress::localPart).contains(localPart);
    }

    @ParameterizedTest
    @ValueSource(strings = {"joe@bob@acme.com", "joe@@acme.com", "@joe@acme.com", "joe@acme.com@"})
    void twoAtSignsAreInvalid(String raw) {
        assertThat(EmailAddress.parse(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"joe", "acme.com", "joe.acme.com", "joe\uFF20acme.com", "joe\uFE6Bacme.com"})
    void addressWithoutAtSignIsInvalid(String raw) {
        assertThat(EmailAddress.parse(raw)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nullOrEmptyIsInvalid(String raw) {
        assertThat(EmailAddress.parse(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"@acme.com", "joe@", "@"})
    void emptyLocalPartOrDomainIsInvalid(String raw) {
        assertThat(EmailAddress.parse(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"joe\"@acme.com", "\"joe@x\"@acme.com", "\"\"@acme.com", "jo\"e@acme.com",
            "\"joe smith\"@acme.com"})
    void quotedLocalPartsAreInvalid(String raw) {
        assertThat(EmailAddress.parse(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {".joe@acme.com", "joe.@acme.com", "jo..e@acme.com", ".@acme.com"})
    void misplacedDotsInTheLocalPartAreInvalid(String raw) {
        assertThat(EmailAddress.parse(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jo(e)@acme.com", "joe,x@acme.com", "jo<e>@acme.com", "jo;e@acme.com", "jo:e@acme.com",
            "jo\\e@acme.com", "jo[e]@acme.com", "joe(comment)@acme.com"})
    void specialsOutsideAtextAreInvalid(String raw) {
        assertThat(EmailAddress.parse(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jöe@acme.com", "\u0458oe@acme.com", "j\uFF4Fe@acme.com", "δοκιμή@acme.com"})
    void nonAsciiLocalPartsAreInvalid(String raw) {
        assertThat(EmailAddress.parse(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {" joe@acme.com", "joe@acme.com ", "jo e@acme.com", "joe @acme.com", "joe@ acme.com",
            "joe@acme.com\n", "\tjoe@acme.com", "joe@acme.com\r\n", "joe\u0000@acme.com", "joe@acme.com\u0000",
            "\u0000joe@acme.com", "joe@ac\u0000me.com", "joe\u007F@acme.com", "joe\u00A0@acme.com",
            "joe@acme.com\u2029", "joe\u200B@acme.com", "joe@ac\u200Bme.com", "joe@acme.com\u0085"})
    void whitespaceAndControlCharactersAnywhereAreInvalid(String raw) {
        assertThat(EmailAddress.parse(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"joe@acme", "joe@localhost", "joe@[10.0.0.1]", "joe@10.0.0.1", "joe@acme..com",
            "joe@.acme.com", "joe@-acme.com", "joe@ac_me.com", "joe@*.acme.com"})
    void invalidDomainsAreInvalid(String raw) {
        assertThat(EmailAddress.parse(raw)).isEmpty();
    }

    @Test
    void localPartOf64OctetsIsFine() {
        String localPart = "j".repeat(64);
        assertThat(EmailAddress.parse(localPart + "@acme.com")).map(EmailAddress::localPart).contains(localPart);
    }

    @Test
    void localPartOf65OctetsIsInvalid() {
        assertThat(EmailAddress.parse("j".repeat(65) + "@acme.com")).isEmpty();
    }

    @Test
    void addressOf254OctetsIsFine() {
        String raw = "j".repeat(64) + "@" + DomainNameTest.domainOfLength(189);
        assertThat(raw).hasSize(254);
        assertThat(EmailAddress.parse(raw)).isPresent();
    }

    @Test
    void addressOf255OctetsIsInvalid() {
        String raw = "j".repeat(64) + "@" + DomainNameTest.domainOfLength(190);
        assertThat(raw).hasSize(255);
        assertThat(EmailAddress.parse(raw)).isEmpty();
    }

    @Test
    void addressLengthCountsTheAsciiDomainWithoutItsTrailingDot() {
        String domain = DomainNameTest.domainOfLength(189);
        assertThat(EmailAddress.parse("j".repeat(64) + "@" + domain + ".")).isPresent();
    }

    @Test
    void addressLengthCountsThePunycodeDomain() {
        // "bücher" is 6 characters in Unicode but 13 in ASCII ("xn--bcher-kva")
        String unicodeDomain = "bücher." + DomainNameTest.domainOfLength(176);
        String asciiDomain = DomainName.normalize(unicodeDomain).orElseThrow();
        assertThat(64 + 1 + unicodeDomain.length()).isLessThanOrEqualTo(254);
        assertThat(64 + 1 + asciiDomain.length()).isGreaterThan(254);
        assertThat(EmailAddress.parse("j".repeat(64) + "@" + unicodeDomain)).isEmpty();
    }

    @Test
    void domainLabelOf63CharactersIsFineAnd64IsInvalid() {
        assertThat(EmailAddress.parse("joe@" + "a".repeat(63) + ".com")).isPresent();
        assertThat(EmailAddress.parse("joe@" + "a".repeat(64) + ".com")).isEmpty();
    }

    @Test
    void constructorRefusesWhatParseWouldRefuse() {
        assertThatThrownBy(() -> new EmailAddress("joe", "ACME.COM")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmailAddress("\"joe\"", "acme.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmailAddress("joe", "acme")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmailAddress(null, "acme.com")).isInstanceOf(NullPointerException.class);
    }
}
