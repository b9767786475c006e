package io.github.jitprovisioning.core.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.jitprovisioning.core.decision.Outcome;
import io.github.jitprovisioning.core.decision.Reason;
import io.github.jitprovisioning.core.settings.PortalOptions;
import io.github.jitprovisioning.core.settings.RecordingProblems;

/** The small pure parts of the portal: grant choice, domain policy, origin check, tokens, setup links, options, advice. */
class PortalPartsTest {

    @Test
    void grantChoiceKeepsOfferedEntriesAndRefusesEverythingElse() {
        GrantChoice ok = GrantChoice.check(List.of(" employee ", "employee"), Set.of("employee"),
                List.of("/staff", "Engineering"), Set.of("/staff", "Engineering"));
        assertThat(ok.valid()).isTrue();
        assertThat(ok.roles()).containsExactly("employee");
        assertThat(ok.groups()).containsExactly("/staff", "Engineering");

        GrantChoice refused = GrantChoice.check(List.of("employee", "realm-management.manage-users"), Set.of("employee"),
                List.of("Admins", ""), Set.of("/staff"));
        assertThat(refused.valid()).isFalse();
        assertThat(refused.refused()).containsExactly("role 'realm-management.manage-users'", "group 'Admins'", "group ''");
    }

    @Test
    void sameOriginNeedsSchemeHostAndPortExactly() {
        URI server = URI.create("http://localhost:8543/");
        assertThat(SameOrigin.matches("http://localhost:8543", server)).isTrue();
        assertThat(SameOrigin.matches("http://LOCALHOST:8543", server)).isTrue();
        assertThat(SameOrigin.matches("http://localhost:8544", server)).isFalse();
        assertThat(SameOrigin.matches("https://localhost:8543", server)).isFalse();
        assertThat(SameOrigin.matches("http://evil.test", server)).isFalse();
        assertThat(SameOrigin.matches("null", server)).isFalse();
        assertThat(SameOrigin.matches(null, server)).isFalse();
        assertThat(SameOrigin.matches("http://localhost:8543/path", server)).isFalse();
        assertThat(SameOrigin.matches("https://sso.example.com", URI.create("https://sso.example.com/"))).isTrue();
    }

    @Test
    void tokensHave160BitsAndOnlyTheirHashIsCompared() {
        String token = PortalToken.generate(new Random(1));
        assertThat(token).hasSize(32).matches("[a-z2-7]{32}");
        assertThat(PortalToken.isWellFormed(token)).isTrue();
        assertThat(PortalToken.isWellFormed(token.toUpperCase())).isFalse();
        assertThat(PortalToken.hash(token)).hasSize(64).isNotEqualTo(token);
        assertThat(PortalToken.generate()).isNotEqualTo(PortalToken.generate());
    }

    @Test
    void setupLinkRoundTripsThroughItsAttributeAndOpensOnlyWithItsSecret() {
        String id = PortalToken.generate(new Random(2));
        String secret = PortalToken.generate(new Random(3));
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        SetupLink link = SetupLink.create(id, secret, now, Duration.ofHours(72), "admin-id");

        assertThat(link.attributeValue()).doesNotContain(secret);
        SetupLink read = SetupLink.parse(link.attributeName(), link.attributeValue()).orElseThrow();
        assertThat(read).isEqualTo(link);
        assertThat(read.opensWith(secret)).isTrue();
        assertThat(read.opensWith(PortalToken.generate(new Random(4)))).isFalse();
        assertThat(read.opensWith("not-a-token")).isFalse();
        assertThat(read.state(now.plus(Duration.ofHours(71)), false)).isEqualTo(SetupLink.State.ACTIVE);
        assertThat(read.state(now.plus(Duration.ofHours(72)), false)).isEqualTo(SetupLink.State.EXPIRED);
        assertThat(read.state(now, true)).isEqualTo(SetupLink.State.USED);
        assertThat(SetupLink.sessionEnd(now)).isEqualTo(now.plus(Duration.ofHours(8)));
        assertThat(SetupLink.parse(link.attributeName(), "garbage")).isEmpty();
        assertThat(SetupLink.parse("jit.enabled", link.attributeValue())).isEmpty();
    }

    @Test
    void portalOptionsHaveDefaultsAndBoundedLinkLifetime() {
        RecordingProblems problems = new RecordingProblems();
        PortalOptions defaults = PortalOptions.fromConfig(null, problems);
        assertThat(defaults.adminGroup()).isEqualTo("Admins");
        assertThat(defaults.linkLifetime()).isEqualTo(Duration.ofHours(72));
        assertThat(defaults.linkLifetime(24)).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.linkLifetime(169)).isNull();
        assertThat(defaults.linkLifetime(0)).isNull();

        PortalOptions set = PortalOptions.fromConfig(Map.of("jit.portal-admin-group", "IT",
                "jit.grantable-roles", "a, b##c", "jit.grantable-groups", "/x",
                "jit.portal-link-lifetime-hours", "500"), problems);
        assertThat(set.adminGroup()).isEqualTo("IT");
        assertThat(set.grantableRoles()).containsExactly("a", "b", "c");
        assertThat(set.grantableGroups()).containsExactly("/x");
        assertThat(set.linkLifetime()).isEqualTo(Duration.ofHours(72));
        assertThat(String.join(";", problems.reports)).contains("jit.portal-link-lifetime-hours");
    }

    @Test
    void everyRefusalReasonHasAdviceAndAdmittedOnesHaveNone() {
        for (Reason reason : Reason.values()) {
            boolean refusal = reason.outcome() == Outcome.BLOCKED;
            assertThat(RefusalAdvice.forReason(reason.code()).isPresent()).as(reason.code()).isEqualTo(refusal
                    || reason == Reason.EXISTING_ACCOUNT);
        }
        assertThat(RefusalAdvice.forReason("domain_not_registered")).contains(RefusalAdvice.ADD_DOMAIN);
        assertThat(RefusalAdvice.forReason("domain_of_another_organization"))
                .contains(RefusalAdvice.REVOKE_OTHER_ORGANIZATIONS_ADDRESS);
        assertThat(RefusalAdvice.REVOKE_OTHER_ORGANIZATIONS_ADDRESS.action()).isEqualTo("invitations");
        assertThat(RefusalAdvice.forReason("username_taken")).contains(RefusalAdvice.UNIQUE_USERNAME_AT_IDP);
        assertThat(RefusalAdvice.forReason(null)).isEmpty();
    }
}
