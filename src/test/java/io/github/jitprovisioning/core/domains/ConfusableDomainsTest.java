package io.github.jitprovisioning.core.domains;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jitprovisioning.core.text.DomainName;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConfusableDomainsTest {

    private static final ConfusableDomains TABLE = ConfusableDomains.bundled();

    /** The domain as a claim stores it: IDNA to punycode, lower case. */
    private static String normalized(String raw) {
        return DomainName.normalizePattern(raw).orElseThrow(() -> new AssertionError("not a domain: " + raw));
    }

    @Test
    void theBundledTableHasTheLettersOfOtherScriptsThatLookLatin() {
        assertThat(TABLE.size()).isGreaterThan(5000);
        assertThat(TABLE.skeleton("\u0430")).as("Cyrillic a").isEqualTo("a");
        assertThat(TABLE.skeleton("\u0456")).as("Cyrillic i").isEqualTo("i");
        assertThat(TABLE.skeleton("\u03bf")).as("Greek omicron").isEqualTo("o");
        assertThat(TABLE.skeleton("m")).isEqualTo("rn");
    }

    @Test
    void lookAlikesOfTheIssueHaveTheSkeletonOfTheRealDomain() {
        String real = normalized("initech.com");
        for (String lookAlike : List.of("\u0456nitech.com", "xn--initch-6of.com", "INIT\u0415CH.com")) {
            String claimed = normalized(lookAlike);
            assertThat(claimed).as(lookAlike).startsWith("xn--").isNotEqualTo(real);
            assertThat(TABLE.domainSkeleton(claimed)).as(lookAlike).isEqualTo(TABLE.domainSkeleton(real));
            assertThat(TABLE.lookAlike(claimed, List.of("other.com", real))).as(lookAlike).contains(real);
        }
        assertThat(TABLE.lookAlike(normalized("\u0430cme.com"), List.of("acme.com"))).contains("acme.com");
        assertThat(TABLE.lookAlike("acme.com", List.of(normalized("\u0430cme.com")))).as("either way round")
                .contains(normalized("\u0430cme.com"));
    }

    @Test
    void wildcardsAreJudgedByTheirBaseAndADomainIsNoLookAlikeOfItself() {
        assertThat(TABLE.lookAlike(normalized("*.\u0430cme.com"), List.of("acme.com"))).contains("acme.com");
        assertThat(TABLE.lookAlike("acme.com", List.of(normalized("*.\u0430cme.com")))).isPresent();
        assertThat(TABLE.lookAlike("acme.com", List.of("acme.com", "*.acme.com"))).isEmpty();
        assertThat(TABLE.lookAlike("*.acme.com", List.of("acme.com"))).isEmpty();
    }

    @Test
    void asciiLookAlikesFollowTheTable() {
        assertThat(TABLE.lookAlike("rnodern.com", List.of("modern.com"))).contains("modern.com");
        assertThat(TABLE.lookAlike("examp1e.com", List.of("example.com"))).contains("example.com");
        assertThat(TABLE.lookAlike("acme.com", List.of("acne.com", "acme.co", "acme-corp.com", "globex.com")))
                .as("different domains that do not look alike").isEmpty();
    }

    @Test
    void accentsAreNotLookAlikesOfTheirBaseLetter() {
        // UTS #39 keeps combining marks: müller.de is its own name, not a look-alike of muller.de
        assertThat(TABLE.lookAlike(normalized("m\u00fcller.de"), List.of("muller.de"))).isEmpty();
    }
}
