package io.github.jitprovisioning.core.domains;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jitprovisioning.core.domains.DomainClaimRequest.Refusal;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DomainClaimRequestTest {

    private static final PublicSuffixList PSL = PublicSuffixList.bundled();

    private static Refusal refusal(String raw) {
        return DomainClaimRequest.check(raw, PSL).refusal();
    }

    @Test
    void ordinaryDomainsAreAcceptedNormalized() {
        DomainClaimRequest.Checked checked = DomainClaimRequest.check(" Acme.COM. ", PSL);
        assertThat(checked.accepted()).isTrue();
        assertThat(checked.request().domain()).isEqualTo("acme.com");
        assertThat(checked.request().recordName("_keycloak-challenge")).isEqualTo("_keycloak-challenge.acme.com");
        assertThat(DomainClaimRequest.check("acme.co.uk", PSL).accepted()).isTrue();
        assertThat(DomainClaimRequest.check("bücher.de", PSL).request().domain()).isEqualTo("xn--bcher-kva.de");
    }

    @Test
    void wildcardIsVerifiedThroughItsBaseDomain() {
        DomainClaimRequest request = DomainClaimRequest.check("*.acme.com", PSL).request();
        assertThat(request.domain()).isEqualTo("*.acme.com");
        assertThat(request.baseDomain()).isEqualTo("acme.com");
        assertThat(request.recordName("_keycloak-challenge")).isEqualTo("_keycloak-challenge.acme.com");
    }

    @Test
    void publicSuffixesAreRefused() {
        assertThat(refusal("co.uk")).isEqualTo(Refusal.PUBLIC_SUFFIX);
        assertThat(refusal("github.io")).isEqualTo(Refusal.PUBLIC_SUFFIX);
        assertThat(refusal("*.co.uk")).isEqualTo(Refusal.PUBLIC_SUFFIX);
        assertThat(refusal("com")).isEqualTo(Refusal.INVALID_DOMAIN);
        assertThat(refusal("*.com")).isEqualTo(Refusal.INVALID_DOMAIN);
    }

    @Test
    void wildcardAndExceptionRulesOfTheListApply() {
        // "*.ck" and "!www.ck" in the list
        assertThat(PSL.isPublicSuffix("anything.ck")).isTrue();
        assertThat(PSL.isPublicSuffix("www.ck")).isFalse();
        assertThat(PSL.size()).isGreaterThan(5000);
    }

    @Test
    void consumerMailDomainsAreRefused() {
        for (String domain : new String[] {"gmail.com", "Outlook.com", "hotmail.com", "yahoo.com", "icloud.com",
                "mail.gmail.com", "*.gmail.com"}) {
            assertThat(refusal(domain)).as(domain).isEqualTo(Refusal.CONSUMER_DOMAIN);
        }
    }

    @Test
    void invalidSyntaxIsRefused() {
        for (String domain : new String[] {"", " ", "acme", "acme..com", "-acme.com", "acme.com/x", "ac me.com",
                "acme.123", "a@b.com", "*.*.acme.com", "acme.com\u200b"}) {
            assertThat(refusal(domain)).as(domain).isEqualTo(Refusal.INVALID_DOMAIN);
        }
        assertThat(refusal(null)).isEqualTo(Refusal.INVALID_DOMAIN);
    }

    @Test
    void tokensCarry160RandomBitsInBase32() {
        Set<String> tokens = new HashSet<>();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 1000; i++) {
            String token = VerificationToken.generate(random);
            assertThat(token).matches("[a-z2-7]{32}");
            tokens.add(token);
        }
        assertThat(tokens).hasSize(1000);
        assertThat(VerificationToken.base32(new byte[] {'f', 'o', 'o', 'b', 'a'})).isEqualTo("mzxw6ytb");
    }
}
