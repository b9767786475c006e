package io.github.jitprovisioning.core.sync;

import io.github.jitprovisioning.core.text.DomainPattern;
import io.github.jitprovisioning.core.text.EmailAddress;
import io.github.jitprovisioning.core.text.StorableText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What profile sync writes for one login: exactly the fields whose values differ from the claims of this login,
 * and the fields it skipped and why.
 *
 * <p>Rules, per target attribute (several pairs may target one attribute: the first whose claim is present wins):
 * <ul>
 *   <li>A claim is present when it has at least one non-blank value. Built-in properties ({@code email},
 *       {@code firstName}, {@code lastName}) take its first non-blank value; other attributes take all non-blank
 *       values, compared with the current ones regardless of order.</li>
 *   <li>A missing claim leaves the attribute alone, unless {@code clearMissing}: then a non-empty attribute is
 *       cleared. The email is never cleared: a user keeps the address that identifies them.</li>
 *   <li>An email is compared as {@link EmailAddress#address()} (Keycloak stores emails in lower case), so a change
 *       of case alone is no change. A new email must be one plain address, its domain must match one of the
 *       organization's domains ({@link DomainPattern}), and no other user may hold it; otherwise the change is
 *       skipped. An applied email is {@link #emailVerified() verified} only when the guard says the IdP vouches
 *       for it (rule 4). Where the realm requires verified domains, only the organization's verified domains
 *       count.</li>
 *   <li>Any other claim is written only when every value can be stored ({@link StorableText}: no control or
 *       format character), there are at most {@link SyncLimits#maxValues()} of them and each has at most
 *       {@value SyncLimits#MAX_LENGTH} characters; otherwise the whole claim is skipped.</li>
 * </ul>
 *
 * @param changes       the fields to write, in mapping order
 * @param skips         the fields not written, in mapping order
 * @param emailVerified for a plan that changes the email: the new {@code emailVerified} flag
 */
public record ProfileSyncPlan(List<FieldChange> changes, List<SyncSkip> skips, boolean emailVerified) {

    public ProfileSyncPlan {
        changes = List.copyOf(changes);
        skips = List.copyOf(skips);
    }

    /**
     * @param mappings     the {@link SyncMapping#effective effective} pairs
     * @param current      the user's values by attribute (built-ins included); a missing key reads as none
     * @param claims       the values of this login's claims by claim name; a missing key is a missing claim
     * @param clearMissing whether a claim that is missing clears its attribute
     * @param emailGuard   the organization's domains, the owner lookup and the trust in this login's email
     */
    public static ProfileSyncPlan compute(List<SyncMapping> mappings, Map<String, List<String>> current,
                                          Map<String, List<String>> claims, boolean clearMissing,
                                          EmailGuard emailGuard) {
        return compute(mappings, current, claims, clearMissing, emailGuard, SyncLimits.DEFAULTS);
    }

    /**
     * As {@link #compute(List, Map, Map, boolean, EmailGuard)}, and a claim whose values cannot be stored (a
     * control or format character, see {@link StorableText}), are too many or too long ({@code limits}) is
     * skipped as a whole.
     */
    public static ProfileSyncPlan compute(List<SyncMapping> mappings, Map<String, List<String>> current,
                                          Map<String, List<String>> claims, boolean clearMissing,
                                          EmailGuard emailGuard, SyncLimits limits) {
        Map<String, Optional<List<String>>> wanted = wanted(mappings, claims);

        List<FieldChange> changes = new ArrayList<>();
        List<SyncSkip> skips = new ArrayList<>();
        boolean emailVerified = false;
        for (Map.Entry<String, Optional<List<String>>> entry : wanted.entrySet()) {
            String attribute = entry.getKey();
            List<String> before = present(current.get(attribute));
            if (entry.getValue().isEmpty()) {
                if (clearMissing && !before.isEmpty() && !SyncMapping.EMAIL.equals(attribute)) {
                    changes.add(new FieldChange(attribute, before, List.of()));
                }
                continue;
            }
            List<String> after = entry.getValue().get();
            if (SyncMapping.EMAIL.equals(attribute)) {
                EmailOutcome outcome = email(before, after.get(0), emailGuard);
                outcome.change().ifPresent(changes::add);
                outcome.skip().ifPresent(skips::add);
                emailVerified = outcome.verified();
            } else {
                Optional<SyncSkip> refused = unstorable(attribute, after, limits);
                if (refused.isPresent()) {
                    skips.add(refused.get());
                } else if (!sameValues(before, after)) {
                    changes.add(new FieldChange(attribute, before, after));
                }
            }
        }
        return new ProfileSyncPlan(changes, skips, emailVerified);
    }

    /**
     * The values the claims of this login give each mapped attribute, in mapping order: empty for an attribute
     * whose claims are all missing; a built-in property gets the first non-blank value only.
     */
    public static Map<String, Optional<List<String>>> wanted(List<SyncMapping> mappings,
                                                             Map<String, List<String>> claims) {
        Map<String, Optional<List<String>>> wanted = new LinkedHashMap<>();
        for (SyncMapping mapping : mappings) {
            List<String> values = present(claims.get(mapping.claim()));
            Optional<List<String>> already = wanted.get(mapping.attribute());
            if (already == null || (already.isEmpty() && !values.isEmpty())) {
                wanted.put(mapping.attribute(), values.isEmpty() ? Optional.empty()
                        : Optional.of(mapping.builtIn() ? List.of(values.get(0)) : values));
            }
        }
        return wanted;
    }

    /** Why the values of a claim cannot be stored as they are, or empty. */
    private static Optional<SyncSkip> unstorable(String attribute, List<String> values, SyncLimits limits) {
        for (String value : values) {
            Optional<String> refusal = StorableText.refusal(value);
            if (refusal.isPresent()) {
                return Optional.of(new SyncSkip(attribute, SyncSkip.Cause.UNSTORABLE_VALUE, "the claim " + refusal.get()));
            }
        }
        if (values.size() > limits.maxValues()) {
            return Optional.of(new SyncSkip(attribute, SyncSkip.Cause.TOO_MANY_VALUES,
                    values.size() + " values, the mapper allows " + limits.maxValues()));
        }
        for (String value : values) {
            int length = value.codePointCount(0, value.length());
            if (length > SyncLimits.MAX_LENGTH) {
                return Optional.of(new SyncSkip(attribute, SyncSkip.Cause.VALUE_TOO_LONG,
                        "a value of " + length + " characters, at most " + SyncLimits.MAX_LENGTH));
            }
        }
        return Optional.empty();
    }

    private record EmailOutcome(Optional<FieldChange> change, Optional<SyncSkip> skip, boolean verified) {
        static final EmailOutcome UNCHANGED = new EmailOutcome(Optional.empty(), Optional.empty(), false);

        static EmailOutcome skipped(SyncSkip.Cause cause, String detail) {
            return new EmailOutcome(Optional.empty(), Optional.of(new SyncSkip(SyncMapping.EMAIL, cause, detail)), false);
        }
    }

    private static EmailOutcome email(List<String> before, String claimed, EmailGuard guard) {
        String currentAddress = before.isEmpty() ? null : before.get(0).toLowerCase(Locale.ROOT);
        Optional<EmailAddress> parsed = EmailAddress.parse(claimed);
        if (parsed.isEmpty()) {
            if (claimed.toLowerCase(Locale.ROOT).equals(currentAddress)) {
                return EmailOutcome.UNCHANGED;
            }
            return EmailOutcome.skipped(SyncSkip.Cause.INVALID_EMAIL, "the claim is not one plain address");
        }
        EmailAddress address = parsed.get();
        if (address.address().equals(currentAddress)) {
            return EmailOutcome.UNCHANGED;
        }
        if (guard.organizationDomains().stream().noneMatch(d -> DomainPattern.matches(address.domain(), d))
                && guard.unverifiedDomains().stream().anyMatch(d -> DomainPattern.matches(address.domain(), d))) {
            return EmailOutcome.skipped(SyncSkip.Cause.EMAIL_DOMAIN_NOT_VERIFIED, "domain " + address.domain()
                    + " is a domain of the organization that is not verified, and the realm requires verified domains");
        }
        if (guard.organizationDomains().stream().noneMatch(d -> DomainPattern.matches(address.domain(), d))) {
            return EmailOutcome.skipped(SyncSkip.Cause.EMAIL_OUTSIDE_ORGANIZATION,
                    "domain " + address.domain() + " is not a domain of the organization");
        }
        if (guard.owners().heldByAnotherUser(address.address())) {
            return EmailOutcome.skipped(SyncSkip.Cause.EMAIL_TAKEN, "another user has this address");
        }
        return new EmailOutcome(Optional.of(new FieldChange(SyncMapping.EMAIL, before, List.of(address.address()))),
                Optional.empty(), guard.vouchesFor(address));
    }

    /** The non-null, non-blank values, in order. */
    private static List<String> present(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().filter(Objects::nonNull).filter(v -> !v.isBlank()).toList();
    }

    /** Equal as multisets: the same values, each as often, in any order. */
    static boolean sameValues(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Map<String, Integer> counts = new HashMap<>();
        a.forEach(v -> counts.merge(v, 1, Integer::sum));
        for (String v : b) {
            Integer n = counts.get(v);
            if (n == null) {
                return false;
            }
            if (n == 1) {
                counts.remove(v);
            } else {
                counts.put(v, n - 1);
            }
        }
        return counts.isEmpty();
    }

    public boolean isEmpty() {
        return changes.isEmpty() && skips.isEmpty();
    }

    /** The attribute names written, in order, for the {@code jit_synced_fields} detail. */
    public List<String> syncedFields() {
        return changes.stream().map(FieldChange::attribute).toList();
    }

    public Optional<FieldChange> change(String attribute) {
        return changes.stream().filter(c -> c.attribute().equals(attribute)).findFirst();
    }

    /** This plan without the change of {@code attribute}, which is recorded as skipped instead. */
    public ProfileSyncPlan skipping(String attribute, SyncSkip.Cause cause, String detail) {
        List<FieldChange> kept = changes.stream().filter(c -> !c.attribute().equals(attribute)).toList();
        List<SyncSkip> moreSkips = new ArrayList<>(skips);
        moreSkips.add(new SyncSkip(attribute, cause, detail));
        boolean verified = emailVerified && kept.stream().anyMatch(c -> c.attribute().equals(SyncMapping.EMAIL));
        return new ProfileSyncPlan(kept, moreSkips, verified);
    }
}
