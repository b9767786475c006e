package io.github.jitprovisioning.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DomainProperties {

    @Provide
    Arbitrary<String> domains() {
        return DomainArbitraries.domain();
    }

    @Provide
    Arbitrary<String> labels() {
        return DomainArbitraries.label();
    }

    @Provide
    Arbitrary<String> domainLike() {
        return DomainArbitraries.domainLike();
    }

    /** Candidates for x in {@code matches(x, "*." + d)}: related to d in the ways that tricks are. */
    @Provide
    Arbitrary<String[]> candidateAndBase() {
        return Combinators.combine(DomainArbitraries.domain(), DomainArbitraries.domain(), DomainArbitraries.label(),
                        Arbitraries.integers().between(0, 4))
                .as((base, other, label, kind) -> new String[] {switch (kind) {
                    case 0 -> base;
                    case 1 -> label + "." + base;
                    case 2 -> label + base;
                    case 3 -> base + "." + other;
                    default -> other;
                }, base});
    }

    @Property
    void normalizeIsIdempotent(@ForAll("domainLike") String raw) {
        Optional<String> once = DomainName.normalize(raw);
        assertThat(once.flatMap(DomainName::normalize)).isEqualTo(once);
    }

    @Property
    void normalizedDomainsAreLowerCaseLdhWithinLimits(@ForAll("domainLike") String raw) {
        DomainName.normalize(raw).ifPresent(domain -> {
            assertThat(domain).matches("[a-z0-9.-]+").doesNotEndWith(".").doesNotStartWith(".");
            assertThat(domain.length()).isLessThanOrEqualTo(253);
            assertThat(domain.split("\\.", -1)).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(label -> assertThat(label).hasSizeBetween(1, 63));
        });
    }

    @Property
    void validDomainsNormalizeToThemselves(@ForAll("domains") String domain) {
        assertThat(DomainName.normalize(domain)).contains(domain);
    }

    @Property
    void caseAndOneTrailingDotDoNotMatter(@ForAll("domains") String domain) {
        assertThat(DomainName.normalize(domain.toUpperCase(java.util.Locale.ROOT) + ".")).contains(domain);
    }

    @Property
    void everyValidDomainMatchesItself(@ForAll("domains") String domain) {
        assertThat(DomainPattern.matches(domain, domain)).isTrue();
    }

    @Property
    void subdomainNeverMatchesAnExactEntry(@ForAll("labels") String sub, @ForAll("domains") String domain) {
        assertThat(DomainPattern.matches(sub + "." + domain, domain)).isFalse();
    }

    @Property
    void subdomainAlwaysMatchesAWildcardEntry(@ForAll("labels") String sub, @ForAll("domains") String domain) {
        assertThat(DomainPattern.matches(sub + "." + domain, "*." + domain)).isTrue();
    }

    @Property
    void wildcardMatchesExactlyTheDomainAndItsSubdomains(@ForAll("candidateAndBase") String[] candidateAndBase) {
        String candidate = candidateAndBase[0];
        String base = candidateAndBase[1];
        boolean expected = candidate.equals(base) || candidate.endsWith("." + base);
        assertThat(DomainPattern.matches(candidate, "*." + base)).isEqualTo(expected);
    }

    @Property
    void exactEntryMatchesOnlyEqualDomains(@ForAll("domains") String a, @ForAll("domains") String b) {
        assertThat(DomainPattern.matches(a, b)).isEqualTo(a.equals(b));
    }

    @Property
    void normalizedPatternsRenormalizeToThemselves(@ForAll("domainLike") String raw) {
        Optional<String> pattern = DomainName.normalizePattern("*." + raw);
        assertThat(pattern.flatMap(DomainName::normalizePattern)).isEqualTo(pattern);
    }

    /** What is accepted converts back to exactly what was sent (case and one trailing dot aside): no IDNA mapping. */
    @Property
    void acceptedDomainsConvertBackToTheirInput(@ForAll("domainLike") String raw) {
        net.jqwik.api.Assume.that(!raw.toLowerCase(java.util.Locale.ROOT).contains("xn--"));
        DomainName.normalize(raw).ifPresent(domain -> {
            String sent = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
            assertThat(java.net.IDN.toUnicode(domain, java.net.IDN.USE_STD3_ASCII_RULES))
                    .isEqualTo(sent.toLowerCase(java.util.Locale.ROOT));
        });
    }

    /** A registered domain written in full-width letters or with ideographic full stops is another string: refused. */
    @Property
    void fullWidthAndIdeographicLookAlikesAreRefused(@ForAll("domains") String domain) {
        StringBuilder fullWidth = new StringBuilder();
        domain.chars().forEach(c -> fullWidth.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 0xFF41)
                : c == '.' ? '\u3002' : (char) c));
        assertThat(DomainName.normalize(fullWidth.toString())).isEmpty();
        assertThat(DomainName.normalize(domain.replace('.', '\u3002'))).isEmpty();
    }
}
