package io.github.jitprovisioning.core.sync;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileSyncPlanTest {

    private static final List<SyncMapping> MAPPINGS = SyncMapping.effective(
            List.of(Map.entry("department", "department"), Map.entry("groups", "teams")), problem -> { });
    private static final EmailGuard ACME = new EmailGuard(List.of("acme.com", "*.acme.io"), address -> false, true, null);

    private static Map<String, List<String>> ann() {
        Map<String, List<String>> user = new HashMap<>();
        user.put("email", List.of("ann@acme.com"));
        user.put("firstName", List.of("Ann"));
        user.put("lastName", List.of("Lee"));
        user.put("department", List.of("Sales"));
        return user;
    }

    private static Map<String, List<String>> claimsOfAnn() {
        Map<String, List<String>> claims = new HashMap<>();
        claims.put("email", List.of("ann@acme.com"));
        claims.put("given_name", List.of("Ann"));
        claims.put("family_name", List.of("Lee"));
        claims.put("department", List.of("Sales"));
        return claims;
    }

    private static ProfileSyncPlan plan(Map<String, List<String>> claims) {
        return ProfileSyncPlan.compute(MAPPINGS, ann(), claims, false, ACME);
    }

    @Test
    void unchangedClaimsWriteNothing() {
        ProfileSyncPlan plan = plan(claimsOfAnn());

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.syncedFields()).isEmpty();
    }

    @Test
    void changedNamesAndCustomClaimAreTheOnlyChanges() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("given_name", List.of("Annie"));
        claims.put("family_name", List.of("Lee-Smith"));
        claims.put("department", List.of("Engineering"));

        ProfileSyncPlan plan = plan(claims);

        assertThat(plan.syncedFields()).containsExactly("department", "firstName", "lastName");
        assertThat(plan.change("firstName")).get().extracting(FieldChange::firstValue).isEqualTo("Annie");
        assertThat(plan.change("lastName")).get().extracting(FieldChange::before).isEqualTo(List.of("Lee"));
        assertThat(plan.change("department")).get().extracting(FieldChange::after).isEqualTo(List.of("Engineering"));
        assertThat(plan.skips()).isEmpty();
    }

    @Test
    void valueWithANulCharacterIsSkippedAndTheOtherFieldsStillSync() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("given_name", List.of("An\u0000n"));
        claims.put("department", List.of("Engineering"));

        ProfileSyncPlan plan = plan(claims);

        assertThat(plan.syncedFields()).containsExactly("department");
        assertThat(plan.skips()).extracting(SyncSkip::attribute, SyncSkip::cause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("firstName", SyncSkip.Cause.UNSTORABLE_VALUE));
    }

    @Test
    void missingClaimLeavesTheAttributeAlone() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.remove("department");
        claims.remove("given_name");

        assertThat(plan(claims).isEmpty()).isTrue();
    }

    @Test
    void blankOrNullClaimCountsAsMissing() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("department", List.of(" "));
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        claims.put("given_name", withNull);

        assertThat(plan(claims).isEmpty()).isTrue();
    }

    @Test
    void missingClaimClearsTheAttributeWhenConfigured() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.remove("department");
        claims.remove("family_name");

        ProfileSyncPlan plan = ProfileSyncPlan.compute(MAPPINGS, ann(), claims, true, ACME);

        assertThat(plan.syncedFields()).containsExactly("department", "lastName");
        assertThat(plan.changes()).allMatch(FieldChange::clears);
    }

    @Test
    void clearMissingDoesNotReportAnAttributeThatIsAlreadyEmpty() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.remove("groups");

        assertThat(ProfileSyncPlan.compute(MAPPINGS, ann(), claims, true, ACME).isEmpty()).isTrue();
    }

    @Test
    void missingEmailIsNeverClearedEvenWhenConfigured() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.remove("email");

        assertThat(ProfileSyncPlan.compute(MAPPINGS, ann(), claims, true, ACME).isEmpty()).isTrue();
    }

    @Test
    void multiValuedClaimComparesRegardlessOfOrder() {
        Map<String, List<String>> user = ann();
        user.put("teams", List.of("red", "blue"));
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("groups", List.of("blue", "red"));

        assertThat(ProfileSyncPlan.compute(MAPPINGS, user, claims, false, ACME).isEmpty()).isTrue();
    }

    @Test
    void multiValuedClaimWithADuplicateIsAChange() {
        Map<String, List<String>> user = ann();
        user.put("teams", List.of("red", "blue"));
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("groups", List.of("red", "red"));

        ProfileSyncPlan plan = ProfileSyncPlan.compute(MAPPINGS, user, claims, false, ACME);

        assertThat(plan.change("teams")).get().extracting(FieldChange::after).isEqualTo(List.of("red", "red"));
    }

    @Test
    void builtInPropertyTakesTheFirstNonBlankValue() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("given_name", List.of("", "Annie", "Anna"));

        assertThat(plan(claims).change("firstName")).get().extracting(FieldChange::after).isEqualTo(List.of("Annie"));
    }

    @Test
    void newAttributeIsAChangeFromNothing() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("groups", List.of("red"));

        FieldChange change = plan(claims).change("teams").orElseThrow();

        assertThat(change.before()).isEmpty();
        assertThat(change.after()).containsExactly("red");
    }

    @Test
    void firstPresentClaimOfSeveralPairsForOneAttributeWins() {
        List<SyncMapping> mappings = SyncMapping.effective(
                List.of(Map.entry("nickname", "firstName"), Map.entry("given_name", "firstName")), p -> { });
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("given_name", List.of("Annabel"));

        ProfileSyncPlan withoutNickname = ProfileSyncPlan.compute(mappings, ann(), claims, false, ACME);
        claims.put("nickname", List.of("Nan"));
        ProfileSyncPlan withNickname = ProfileSyncPlan.compute(mappings, ann(), claims, false, ACME);

        assertThat(withoutNickname.change("firstName")).get().extracting(FieldChange::firstValue).isEqualTo("Annabel");
        assertThat(withNickname.change("firstName")).get().extracting(FieldChange::firstValue).isEqualTo("Nan");
    }

    @Test
    void unmappedClaimsAndAttributesAreNeverTouched() {
        Map<String, List<String>> user = ann();
        user.put("phone", List.of("123"));
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("phone", List.of("456"));

        assertThat(ProfileSyncPlan.compute(MAPPINGS, user, claims, true, ACME).isEmpty()).isTrue();
    }

    @Test
    void wantedValuesFollowTheMappingOrderAndMarkMissingClaims() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.remove("family_name");

        var wanted = ProfileSyncPlan.wanted(MAPPINGS, claims);

        assertThat(wanted.keySet()).containsExactly("department", "teams", "email", "firstName", "lastName");
        assertThat(wanted.get("firstName")).contains(List.of("Ann"));
        assertThat(wanted.get("lastName")).isEmpty();
        assertThat(wanted.get("teams")).isEmpty();
    }

    // email guard

    @Test
    void emailChangeWithinTheOrganizationsDomainsIsAppliedAndVerifiedWhenTrusted() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("email", List.of("ann.lee@acme.com"));

        ProfileSyncPlan plan = plan(claims);

        assertThat(plan.change("email")).get().extracting(FieldChange::firstValue).isEqualTo("ann.lee@acme.com");
        assertThat(plan.emailVerified()).isTrue();
        assertThat(plan.skips()).isEmpty();
    }

    @Test
    void emailChangeThatRuleFourDoesNotTrustIsAppliedUnverified() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("email", List.of("ann.lee@acme.com"));

        ProfileSyncPlan plan = ProfileSyncPlan.compute(MAPPINGS, ann(), claims, false,
                new EmailGuard(List.of("acme.com"), a -> false, false, null));

        assertThat(plan.syncedFields()).containsExactly("email");
        assertThat(plan.emailVerified()).isFalse();
    }

    @Test
    void emailChangeIsVerifiedWhenTheIdpVerifiedThatVeryAddress() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("email", List.of("ann.lee@acme.com"));

        ProfileSyncPlan plan = ProfileSyncPlan.compute(MAPPINGS, ann(), claims, false,
                new EmailGuard(List.of("acme.com"), a -> false, false, "Ann.Lee@ACME.com"));

        assertThat(plan.syncedFields()).containsExactly("email");
        assertThat(plan.emailVerified()).isTrue();
    }

    @Test
    void emailChangeIsUnverifiedWhenTheIdpVerifiedAnotherAddress() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("email", List.of("ann.lee@acme.com"));

        ProfileSyncPlan plan = ProfileSyncPlan.compute(MAPPINGS, ann(), claims, false,
                new EmailGuard(List.of("acme.com"), a -> false, false, "ann@acme.com"));

        assertThat(plan.syncedFields()).containsExactly("email");
        assertThat(plan.emailVerified()).isFalse();
    }

    @Test
    void emailChangeToAWildcardSubdomainIsApplied() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("email", List.of("ann@eu.acme.io"));

        assertThat(plan(claims).syncedFields()).containsExactly("email");
    }

    @Test
    void emailChangeToAnotherDomainIsSkippedAndNamesTheDomainOnly() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("email", List.of("ann@other.com"));
        claims.put("given_name", List.of("Annie"));

        ProfileSyncPlan plan = plan(claims);

        assertThat(plan.syncedFields()).containsExactly("firstName");
        assertThat(plan.skips()).singleElement().satisfies(skip -> {
            assertThat(skip.attribute()).isEqualTo("email");
            assertThat(skip.cause()).isEqualTo(SyncSkip.Cause.EMAIL_OUTSIDE_ORGANIZATION);
            assertThat(skip.warning()).contains("other.com").doesNotContain("ann@");
        });
        assertThat(plan.emailVerified()).isFalse();
    }

    @Test
    void emailChangeToASubdomainOfAnExactDomainIsSkipped() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("email", List.of("ann@ext.acme.com"));

        assertThat(plan(claims).skips()).extracting(SyncSkip::cause)
                .containsExactly(SyncSkip.Cause.EMAIL_OUTSIDE_ORGANIZATION);
    }

    @Test
    void emailChangeIsSkippedWhenTheOrganizationHasNoDomains() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("email", List.of("ann.lee@acme.com"));

        ProfileSyncPlan plan = ProfileSyncPlan.compute(MAPPINGS, ann(), claims, false,
                new EmailGuard(List.of(), a -> false, true, null));

        assertThat(plan.skips()).extracting(SyncSkip::cause).containsExactly(SyncSkip.Cause.EMAIL_OUTSIDE_ORGANIZATION);
    }

    @Test
    void emailThatAnotherUserHoldsIsSkipped() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("email", List.of("Bob@Acme.com"));
        List<String> asked = new ArrayList<>();

        ProfileSyncPlan plan = ProfileSyncPlan.compute(MAPPINGS, ann(), claims, false,
                new EmailGuard(List.of("acme.com"), address -> asked.add(address), true, null));

        assertThat(asked).containsExactly("bob@acme.com");
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.skips()).extracting(SyncSkip::cause).containsExactly(SyncSkip.Cause.EMAIL_TAKEN);
    }

    @Test
    void ownersAreNotAskedForAnEmailOutsideTheDomainsOrUnchanged() {
        List<String> asked = new ArrayList<>();
        EmailGuard guard = new EmailGuard(List.of("acme.com"), address -> asked.add(address), true, null);
        Map<String, List<String>> claims = claimsOfAnn();

        ProfileSyncPlan.compute(MAPPINGS, ann(), claims, false, guard);
        claims.put("email", List.of("ann@other.com"));
        ProfileSyncPlan.compute(MAPPINGS, ann(), claims, false, guard);

        assertThat(asked).isEmpty();
    }

    @Test
    void invalidEmailIsSkipped() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("email", List.of("ann lee@acme.com"));

        ProfileSyncPlan plan = plan(claims);

        assertThat(plan.changes()).isEmpty();
        assertThat(plan.skips()).extracting(SyncSkip::cause).containsExactly(SyncSkip.Cause.INVALID_EMAIL);
    }

    @Test
    void emailDifferingOnlyInCaseIsNoChange() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("email", List.of("Ann@ACME.com"));

        assertThat(plan(claims).isEmpty()).isTrue();
    }

    @Test
    void internationalizedEmailDomainIsComparedInItsAsciiForm() {
        Map<String, List<String>> user = ann();
        user.put("email", List.of("ann@xn--mller-kva.de"));
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("email", List.of("ann@müller.de"));

        ProfileSyncPlan plan = ProfileSyncPlan.compute(MAPPINGS, user, claims, false,
                new EmailGuard(List.of("müller.de"), a -> false, true, null));

        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void userWithoutEmailGetsOneWithinTheDomains() {
        Map<String, List<String>> user = ann();
        user.remove("email");

        ProfileSyncPlan plan = ProfileSyncPlan.compute(MAPPINGS, user, claimsOfAnn(), false, ACME);

        assertThat(plan.change("email")).get().satisfies(change -> {
            assertThat(change.before()).isEmpty();
            assertThat(change.after()).containsExactly("ann@acme.com");
        });
    }

    @Test
    void skippingAChangeRecordsItAndKeepsTheOthers() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("email", List.of("ann.lee@acme.com"));
        claims.put("department", List.of("x".repeat(200)));

        ProfileSyncPlan plan = plan(claims)
                .skipping("department", SyncSkip.Cause.REJECTED_BY_USER_PROFILE, "error-invalid-length");

        assertThat(plan.syncedFields()).containsExactly("email");
        assertThat(plan.emailVerified()).isTrue();
        assertThat(plan.skips()).singleElement().extracting(SyncSkip::warning)
                .isEqualTo("department: rejected_by_user_profile (error-invalid-length)");
    }

    @Test
    void skippingTheEmailChangeDropsItsVerifiedFlag() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("email", List.of("ann.lee@acme.com"));

        ProfileSyncPlan plan = plan(claims).skipping("email", SyncSkip.Cause.REJECTED_BY_USER_PROFILE, "");

        assertThat(plan.changes()).isEmpty();
        assertThat(plan.emailVerified()).isFalse();
    }

    // ---------------------------------------------------------------- limits and unstorable values

    private static ProfileSyncPlan plan(Map<String, List<String>> claims, SyncLimits limits) {
        return ProfileSyncPlan.compute(MAPPINGS, ann(), claims, false, ACME, limits);
    }

    @Test
    void formatCharacterInANameIsUnstorableAndTheOtherFieldsStillSync() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("family_name", List.of("Lee\u202E"));
        claims.put("department", List.of("Engineering"));

        ProfileSyncPlan plan = plan(claims);

        assertThat(plan.syncedFields()).containsExactly("department");
        assertThat(plan.skips()).singleElement().satisfies(skip -> {
            assertThat(skip.attribute()).isEqualTo("lastName");
            assertThat(skip.cause()).isEqualTo(SyncSkip.Cause.UNSTORABLE_VALUE);
            assertThat(skip.warning()).isEqualTo("lastName: unstorable_value (the claim contains U+202E, a format character)");
        });
    }

    @Test
    void lineBreakInOneValueOfAMultiValuedClaimSkipsTheWholeClaim() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("groups", List.of("red", "blue\nadmin"));

        ProfileSyncPlan plan = plan(claims);

        assertThat(plan.change("teams")).isEmpty();
        assertThat(plan.skips()).extracting(SyncSkip::attribute, SyncSkip::cause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("teams", SyncSkip.Cause.UNSTORABLE_VALUE));
    }

    @Test
    void claimWithMoreValuesThanTheLimitIsSkippedWhole() {
        Map<String, List<String>> claims = claimsOfAnn();
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add("team-" + i);
        }
        claims.put("groups", eleven);

        assertThat(plan(claims).skips()).extracting(SyncSkip::attribute, SyncSkip::cause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("teams", SyncSkip.Cause.TOO_MANY_VALUES));
        assertThat(plan(claims, new SyncLimits(11)).change("teams")).get()
                .extracting(FieldChange::after).isEqualTo(eleven);
        assertThat(plan(claims, new SyncLimits(3)).skips()).singleElement()
                .extracting(SyncSkip::warning).isEqualTo("teams: too_many_values (11 values, the mapper allows 3)");
    }

    @Test
    void valueLongerThan255CharactersIsSkippedAndExactly255IsWritten() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("department", List.of("d".repeat(256)));
        claims.put("given_name", List.of("g".repeat(255)));

        ProfileSyncPlan plan = plan(claims);

        assertThat(plan.syncedFields()).containsExactly("firstName");
        assertThat(plan.skips()).singleElement().extracting(SyncSkip::warning)
                .isEqualTo("department: value_too_long (a value of 256 characters, at most 255)");
    }

    @Test
    void lengthIsCountedInCharactersNotUtf16Units() {
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("department", List.of("😀".repeat(255))); // 510 UTF-16 units, 255 characters

        assertThat(plan(claims).change("department")).isPresent();
    }

    @Test
    void limitBelowOneIsRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SyncLimits(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- require verified domain

    @Test
    void emailIntoAnUnverifiedDomainIsSkippedWhenTheRealmRequiresVerifiedDomains() {
        EmailGuard verifiedOnly = new EmailGuard(List.of("acme.com"), address -> false, true, null, List.of("acme.io"));
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("email", List.of("ann@acme.io"));

        ProfileSyncPlan plan = ProfileSyncPlan.compute(MAPPINGS, ann(), claims, false, verifiedOnly);

        assertThat(plan.change("email")).isEmpty();
        assertThat(plan.skips()).singleElement().satisfies(skip -> {
            assertThat(skip.cause()).isEqualTo(SyncSkip.Cause.EMAIL_DOMAIN_NOT_VERIFIED);
            assertThat(skip.warning()).startsWith("email: email_domain_not_verified (domain acme.io");
        });
    }

    @Test
    void emailIntoAVerifiedDomainStillSyncsWhenTheRealmRequiresVerifiedDomains() {
        EmailGuard verifiedOnly = new EmailGuard(List.of("acme.io"), address -> false, true, null, List.of("acme.com"));
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("email", List.of("ann@acme.io"));

        ProfileSyncPlan plan = ProfileSyncPlan.compute(MAPPINGS, ann(), claims, false, verifiedOnly);

        assertThat(plan.change("email")).get().extracting(FieldChange::firstValue).isEqualTo("ann@acme.io");
    }

    @Test
    void emailIntoADomainOfNoOrganizationIsStillOutsideTheOrganization() {
        EmailGuard verifiedOnly = new EmailGuard(List.of("acme.com"), address -> false, true, null, List.of("acme.io"));
        Map<String, List<String>> claims = claimsOfAnn();
        claims.put("email", List.of("ann@globex.com"));

        assertThat(ProfileSyncPlan.compute(MAPPINGS, ann(), claims, false, verifiedOnly).skips())
                .extracting(SyncSkip::cause).containsExactly(SyncSkip.Cause.EMAIL_OUTSIDE_ORGANIZATION);
    }
}
