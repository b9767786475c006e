package io.github.jitprovisioning.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class EmailAddressProperties {

    private static final String ATEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~";

    @Provide
    Arbitrary<String> localParts() {
        return Arbitraries.strings().withChars(ATEXT).ofMinLength(1).ofMaxLength(10).list().ofMinSize(1).ofMaxSize(4)
                .map(atoms -> String.join(".", atoms))
                .filter(local -> local.length() <= 64);
    }

    @Provide
    Arbitrary<String> emailLike() {
        Arbitrary<String> noisyLocal = Arbitraries.strings().withChars(ATEXT + ".\" @\u0000\t\u00E9").ofMaxLength(12);
        Arbitrary<String> local = Arbitraries.oneOf(localParts(), noisyLocal);
        Arbitrary<String> composed = Combinators.combine(local, Arbitraries.of("@", "@@", "", "@x@"),
                        DomainArbitraries.domainLike())
                .as((l, at, d) -> l + at + d);
        return Arbitraries.oneOf(composed, Arbitraries.strings());
    }

    @Property
    void parsedAddressIsOnePlainAsciiAddress(@ForAll("emailLike") String raw) {
        EmailAddress.parse(raw).ifPresent(email -> {
            String address = email.address();
            assertThat(address.chars().filter(c -> c == '@').count()).isEqualTo(1);
            assertThat(address).doesNotContainAnyWhitespaces().matches("\\p{ASCII}+");
            assertThat(address.chars().noneMatch(Character::isISOControl)).isTrue();
            assertThat(address.length()).isLessThanOrEqualTo(254);
            assertThat(email.localPart().length()).isBetween(1, 64);
            assertThat(DomainName.normalize(email.domain())).contains(email.domain());
            assertThat(raw).startsWith(email.localPart() + "@");
        });
    }

    @Property
    void parsingTheNormalizedAddressGivesTheSameAddress(@ForAll("emailLike") String raw) {
        EmailAddress.parse(raw).ifPresent(email -> assertThat(EmailAddress.parse(email.address()).map(
                EmailAddress::address)).contains(email.address()));
    }

    @Property
    void wellFormedAddressesParse(@ForAll("localParts") String local, @ForAll("domains") String domain) {
        assertThat(EmailAddress.parse(local + "@" + domain)).contains(new EmailAddress(local, domain));
    }

    @Property
    void surroundingWhitespaceIsNeverTrimmed(@ForAll("localParts") String local, @ForAll("domains") String domain,
                                             @ForAll("blanks") String blank) {
        assertThat(EmailAddress.parse(blank + local + "@" + domain)).isEmpty();
        assertThat(EmailAddress.parse(local + "@" + domain + blank)).isEmpty();
    }

    @Property
    void quotedLocalPartsNeverParse(@ForAll("localParts") String local, @ForAll("domains") String domain) {
        assertThat(EmailAddress.parse("\"" + local + "\"@" + domain)).isEmpty();
    }

    @Provide
    Arbitrary<String> domains() {
        return DomainArbitraries.domain();
    }

    @Provide
    Arbitrary<String> blanks() {
        return Arbitraries.of(" ", "\t", "\n", "\r", "\u0000", "\u00A0", "\u2003", "\u200B", "\uFEFF", "\u0085");
    }

    /** The domain part is judged as sent: a full-width look-alike of a valid domain is no address. */
    @Property
    void addressWithAFullWidthLookAlikeDomainIsRefused(@ForAll("localParts") String local,
                                                       @ForAll("domains") String domain) {
        StringBuilder fullWidth = new StringBuilder();
        domain.chars().forEach(c -> fullWidth.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 0xFF41) : (char) c));
        net.jqwik.api.Assume.that(!fullWidth.toString().equals(domain));
        assertThat(EmailAddress.parse(local + "@" + fullWidth)).isEmpty();
        assertThat(EmailAddress.parse(local + "@" + domain)).isPresent();
    }
}
