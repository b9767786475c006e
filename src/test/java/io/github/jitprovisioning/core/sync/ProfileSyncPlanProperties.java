package io.github.jitprovisioning.core.sync;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileSyncPlanProperties {

    private static final List<SyncMapping> MAPPINGS = SyncMapping.effective(
            List.of(Map.entry("department", "department"), Map.entry("groups", "teams")), p -> { });
    private static final EmailGuard GUARD = new EmailGuard(List.of("acme.com"), a -> false, true, null);
    private static final List<String> ATTRIBUTES = List.of("email", "firstName", "lastName", "department", "teams");
    private static final List<String> CLAIMS = List.of("email", "given_name", "family_name", "department", "groups");

    record Case(Map<String, List<String>> user, Map<String, List<String>> claims, boolean clearMissing) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<String>> values = Arbitraries.of("a", "b", "", " ", "ann@acme.com", "bob@acme.com",
                "ann@other.com", "not an email").list().ofMaxSize(3);
        Arbitrary<Map<String, List<String>>> user = Arbitraries.maps(Arbitraries.of(ATTRIBUTES), values);
        Arbitrary<Map<String, List<String>>> claims = Arbitraries.maps(Arbitraries.of(CLAIMS), values);
        return Combinators.combine(user, claims, Arbitraries.of(true, false)).as(Case::new);
    }

    @Property
    void applyingThePlanLeavesNothingToDo(@ForAll("cases") Case c) {
        ProfileSyncPlan plan = ProfileSyncPlan.compute(MAPPINGS, c.user(), c.claims(), c.clearMissing(), GUARD);
        Map<String, List<String>> after = new HashMap<>(c.user());
        plan.changes().forEach(change -> after.put(change.attribute(), change.after()));

        ProfileSyncPlan again = ProfileSyncPlan.compute(MAPPINGS, after, c.claims(), c.clearMissing(), GUARD);

        assertThat(again.changes()).isEmpty();
        assertThat(again.skips()).isEqualTo(plan.skips());
    }

    @Property
    void everyChangeDiffersFromTheCurrentValue(@ForAll("cases") Case c) {
        ProfileSyncPlan plan = ProfileSyncPlan.compute(MAPPINGS, c.user(), c.claims(), c.clearMissing(), GUARD);

        assertThat(plan.changes()).allSatisfy(change ->
                assertThat(ProfileSyncPlan.sameValues(change.before(), change.after())).isFalse());
    }

    @Property
    void withoutClearMissingNothingIsEverCleared(@ForAll("cases") Case c) {
        ProfileSyncPlan plan = ProfileSyncPlan.compute(MAPPINGS, c.user(), c.claims(), false, GUARD);

        assertThat(plan.changes()).noneMatch(FieldChange::clears);
    }

    @Property
    void anAppliedEmailIsAlwaysWithinTheOrganization(@ForAll("cases") Case c) {
        ProfileSyncPlan plan = ProfileSyncPlan.compute(MAPPINGS, c.user(), c.claims(), c.clearMissing(), GUARD);

        plan.change("email").ifPresent(change -> assertThat(change.firstValue()).endsWith("@acme.com"));
    }
}
