package io.github.jitprovisioning.domains;

import io.github.jitprovisioning.audit.DomainAudit;
import io.github.jitprovisioning.core.domains.CheckOutcome;
import io.github.jitprovisioning.core.domains.ClaimPolicy;
import io.github.jitprovisioning.core.domains.ClaimPolicy.Change;
import io.github.jitprovisioning.core.domains.ClaimPolicy.Transition;
import io.github.jitprovisioning.core.domains.ClaimState;
import io.github.jitprovisioning.core.domains.ConfusableDomains;
import io.github.jitprovisioning.core.domains.DnsTransport;
import io.github.jitprovisioning.core.domains.DomainClaim;
import io.github.jitprovisioning.core.domains.DomainClaimRequest;
import io.github.jitprovisioning.core.domains.PublicSuffixList;
import io.github.jitprovisioning.core.domains.TxtCheck;
import io.github.jitprovisioning.core.domains.VerificationToken;
import io.github.jitprovisioning.provisioning.OrganizationRowLock;
import io.github.jitprovisioning.provisioning.UnknownDomains;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.provider.Provider;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Domain verification of organizations: claim, verify now, list, mark verified by hand, remove; and the
 * application of background check results. Used by the admin REST API and the portal; obtain it with
 * {@code session.getProvider(DomainVerificationService.class)}. Callers check permissions; every method works on
 * the organization it is given, in the session's realm and transaction.
 */
public final class DomainVerificationService implements Provider {

    private static final Logger LOG = Logger.getLogger(DomainVerificationService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Realm attribute: the record name prefix of this realm (default: the SPI option {@code record-prefix}). */
    public static final String PREFIX_ATTRIBUTE = "jit.domain-record-prefix";
    /** Realm attribute read only with {@code test-clock=true}: seconds added to the clock (tests). */
    public static final String TEST_CLOCK_ATTRIBUTE = "jit.test-clock-offset-seconds";

    private final KeycloakSession session;
    private final DomainVerificationConfig config;
    private final PublicSuffixList suffixes;
    private final ConfusableDomains confusables;
    private final DnsTransport dns;
    private final ClaimStore store;
    private final DomainEvents events;

    DomainVerificationService(KeycloakSession session, DomainVerificationConfig config, PublicSuffixList suffixes,
                              ConfusableDomains confusables, DnsTransport dns) {
        this.session = session;
        this.config = config;
        this.suffixes = suffixes;
        this.confusables = confusables;
        this.dns = dns;
        this.store = new ClaimStore(session);
        this.events = new DomainEvents(session);
    }

    public List<DomainView> list(RealmModel realm, OrganizationModel org) {
        return store.byOrganization(realm.getId(), org.getId()).stream().map(c -> view(realm, c)).toList();
    }

    /**
     * A new pending claim (201 in REST), or the existing claim of this organization (200). Refused: the syntax, a
     * public suffix, a consumer mail domain (400); more than {@code maxClaims} claims of the organization (409
     * {@code domain-limit}); a look-alike (UTS #39 skeleton) of a domain registered in Keycloak by any organization of
     * the realm, of a claim of this organization, or of a verified claim of another (409 {@code domain-look-alike});
     * a domain another organization registered verified (409 {@code domain-taken}). The other organization is never
     * named. Claims of one organization are made one at a time (its row locked), so the cap holds under concurrency.
     */
    public DomainResult claim(RealmModel realm, OrganizationModel org, String rawDomain, Actor actor, int maxClaims) {
        DomainClaimRequest.Checked checked = DomainClaimRequest.check(rawDomain, suffixes);
        if (!checked.accepted()) {
            return DomainResult.refused(DomainResult.Status.INVALID, checked.refusal().code());
        }
        DomainClaimRequest request = checked.request();
        Optional<DomainClaim> existing = store.find(realm.getId(), org.getId(), request.domain());
        if (existing.isPresent()) {
            return DomainResult.ok(view(realm, existing.get()), "already claimed");
        }
        OrganizationRowLock.lock(session, org.getId()); // claims of one organization one at a time: the cap holds
        if (store.countOfOrganization(realm.getId(), org.getId()) >= maxClaims) {
            return DomainResult.refused(DomainResult.Status.CONFLICT, "domain-limit");
        }
        Optional<String> lookAlike = confusables.lookAlike(request.domain(), heldDomains(realm, org));
        if (lookAlike.isPresent()) {
            LOG.debugf("claim of %s by organization %s refused: looks like %s", request.domain(), org.getId(),
                    lookAlike.get());
            return DomainResult.refused(DomainResult.Status.CONFLICT, "domain-look-alike");
        }
        if (verifiedElsewhere(realm, org, request.domain(), request.baseDomain())) {
            return DomainResult.refused(DomainResult.Status.CONFLICT, "domain-taken");
        }
        DomainClaim claim = DomainClaim.pending(UUID.randomUUID().toString(), realm.getId(), org.getId(),
                request.domain(), VerificationToken.generate(RANDOM), now(realm));
        store.save(claim);
        events.record(realm, org.getId(), claim.domain(), "CLAIMED", OperationType.CREATE, actor,
                Map.of("state", claim.state().code()));
        return new DomainResult(DomainResult.Status.CREATED, view(realm, claim), null, null);
    }

    /**
     * The domains a new claim of {@code org} must not look like: every Keycloak domain of the realm (any organization,
     * verified or not: a realm admin registered it), every claim of {@code org}, and the verified claims of the other
     * organizations (a pending claim proves nothing yet: it must not keep the real owner from claiming).
     */
    private List<String> heldDomains(RealmModel realm, OrganizationModel org) {
        List<String> held = new ArrayList<>(store.keycloakDomainsOfRealm(realm.getId()));
        for (DomainClaim claim : store.byRealm(realm.getId())) {
            if (claim.organizationId().equals(org.getId()) || claim.state() == ClaimState.VERIFIED) {
                held.add(claim.domain());
            }
        }
        return held;
    }

    /**
     * Checks the DNS now, at most once a minute per domain ({@code TOO_SOON} otherwise). The slot is taken first, in a
     * short transaction of its own under the claim's row lock and committed before the DNS query, so that of many
     * concurrent requests one asks the DNS and the others are refused at once; the DNS query runs outside any
     * transaction of this service (no row lock, no database work pending while it waits); its result is written under
     * the row lock, as the background check writes its own.
     */
    public DomainResult verifyNow(RealmModel realm, OrganizationModel org, String domain, Actor actor) {
        Instant now = now(realm);
        String realmId = realm.getId();
        String orgId = org.getId();
        ManualSlot slot = KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(),
                s -> s.getProvider(DomainVerificationService.class).takeManualSlot(realmId, orgId, domain, now));
        if (slot.refusal() != null) {
            return slot.refusal();
        }
        TxtCheck.Result result = TxtCheck.check(dns, slot.recordName(), slot.token());
        Optional<DomainClaim> fresh = store.lockById(slot.claimId());
        if (fresh.isEmpty() || !fresh.get().token().equals(slot.token())) {
            return DomainResult.refused(DomainResult.Status.NOT_FOUND, "domain-not-claimed");
        }
        DomainClaim after = apply(realm, fresh.get(), result, now, actor, false);
        return DomainResult.ok(view(realm, after), result.detail());
    }

    /** A "verify now" slot: the claim to check, or why not. */
    record ManualSlot(DomainResult refusal, String claimId, String recordName, String token) {
        static ManualSlot refused(DomainResult.Status status, String code) {
            return new ManualSlot(DomainResult.refused(status, code), null, null, null);
        }
    }

    /**
     * In a transaction of its own: the claim (the domain as typed, normalized as everywhere) locked, the one-a-minute
     * rule checked and the slot written.
     */
    ManualSlot takeManualSlot(String realmId, String organizationId, String domain, Instant now) {
        RealmModel realm = session.realms().getRealm(realmId);
        Optional<DomainClaim> locked = realm == null ? Optional.empty() : findLocked(realmId, organizationId, domain);
        if (locked.isEmpty()) {
            return ManualSlot.refused(DomainResult.Status.NOT_FOUND, "domain-not-claimed");
        }
        if (!config.policy().manualCheckAllowed(locked.get(), now)) {
            return ManualSlot.refused(DomainResult.Status.TOO_SOON, "verify-too-soon");
        }
        store.save(locked.get().manuallyCheckedAt(now));
        return new ManualSlot(null, locked.get().id(), recordName(realm, locked.get()), locked.get().token());
    }

    /** A realm admin vouches for the domain without DNS proof; recorded as verified by hand. */
    public DomainResult markVerified(RealmModel realm, OrganizationModel org, String domain, Actor actor) {
        Optional<DomainClaim> found = findLocked(realm, org, domain);
        if (found.isEmpty()) {
            return DomainResult.refused(DomainResult.Status.NOT_FOUND, "domain-not-claimed");
        }
        DomainClaimRequest request = DomainClaimRequest.check(found.get().domain(), suffixes).request();
        if (request != null && verifiedElsewhere(realm, org, request.domain(), request.baseDomain())) {
            return DomainResult.refused(DomainResult.Status.CONFLICT, "domain-taken");
        }
        Transition t = config.policy().markVerifiedByHand(found.get(), now(realm));
        if (t.change() == Change.NONE) {
            return DomainResult.ok(view(realm, t.claim()), "already verified");
        }
        if (!takeOver(realm, org, t.claim(), actor)) {
            return DomainResult.refused(DomainResult.Status.CONFLICT, "domain-taken");
        }
        KeycloakDomains.setVerified(org, t.claim().domain(), true);
        UnknownDomains.forget(session, realm.getId()); // a domain JIT may have remembered as unknown
        store.save(t.claim());
        events.record(realm, org.getId(), t.claim().domain(), "VERIFIED_BY_HAND", OperationType.UPDATE, actor,
                Map.of("state", t.claim().state().code()));
        return DomainResult.ok(view(realm, t.claim()), null);
    }

    /** Removes the claim, and the Keycloak domain when the claim was verified. */
    public DomainResult remove(RealmModel realm, OrganizationModel org, String domain, Actor actor) {
        Optional<DomainClaim> found = findLocked(realm, org, domain);
        if (found.isEmpty()) {
            return DomainResult.refused(DomainResult.Status.NOT_FOUND, "domain-not-claimed");
        }
        DomainClaim claim = found.get();
        store.delete(claim.id());
        if (claim.state() == ClaimState.VERIFIED) {
            KeycloakDomains.remove(org, claim.domain());
        }
        events.record(realm, org.getId(), claim.domain(), "REMOVED", OperationType.DELETE, actor,
                Map.of("previous_state", claim.state().code()));
        return DomainResult.ok(view(realm, claim), null);
    }

    /**
     * Keycloak's flag follows the claims: every verified claim's domain that the organization has in Keycloak is
     * marked verified (the admin console saves organizations with {@code verified=false}). Returns the number of
     * repairs.
     */
    public int repair(RealmModel realm, OrganizationModel org) {
        return repair(realm, org, false);
    }

    /**
     * {@link #repair(RealmModel, OrganizationModel)} in the transaction that changed the organization (its view of
     * the domains is authoritative): a verified claim whose domain the change removed is removed too. A background
     * transaction may see the domains as they were before a concurrent change, so it never removes anything.
     */
    int repairAfterChange(RealmModel realm, OrganizationModel org) {
        return repair(realm, org, true);
    }

    private int repair(RealmModel realm, OrganizationModel org, boolean authoritative) {
        int repaired = 0;
        for (DomainClaim claim : store.verifiedOf(realm.getId(), org.getId())) {
            if (KeycloakDomains.entry(org, claim.domain()).isEmpty()) {
                if (!authoritative || !removedFromOrganization(org, claim)) {
                    continue;
                }
                store.delete(claim.id());
                events.record(realm, org.getId(), claim.domain(), "REMOVED", OperationType.DELETE, Actor.SYSTEM,
                        Map.of("previous_state", claim.state().code(), "reason", "removed-from-organization"));
            } else if (KeycloakDomains.setVerified(org, claim.domain(), true)) {
                repaired++;
                LOG.debugf("repaired the verified flag of %s in organization %s", claim.domain(), org.getId());
                events.record(realm, org.getId(), claim.domain(), "FLAG_REPAIRED", OperationType.UPDATE,
                        Actor.SYSTEM, Map.of("state", claim.state().code()));
            }
        }
        return repaired;
    }

    /**
     * Whether the change of {@code org} removed the domain of the verified {@code claim}: decided on the database as
     * it is now, not on the organization as this transaction read it, which may predate a verification that another
     * transaction (a background check, "verify now") committed meanwhile. The claim is locked first (a verification
     * in flight finishes), then the organization's domains are read again (this transaction's own changes included).
     */
    private boolean removedFromOrganization(OrganizationModel org, DomainClaim claim) {
        Optional<DomainClaim> locked = store.lockById(claim.id());
        if (locked.isEmpty() || locked.get().state() != ClaimState.VERIFIED) {
            return false;
        }
        boolean present = store.keycloakDomainsOf(org.getId()).stream().anyMatch(d -> d.equalsIgnoreCase(claim.domain()));
        if (present) {
            LOG.debugf("organization %s was saved from a view without %s, which a verification added meanwhile: "
                    + "the claim stays", org.getId(), claim.domain());
        }
        return !present;
    }

    /** Forgets the claims of a removed organization. */
    void forgetOrganization(String realmId, String organizationId) {
        store.deleteOrganization(realmId, organizationId);
    }

    /** What the background check needs of a claim, read in one transaction and used outside it. */
    record DueCheck(String claimId, String realmId, String recordName, String token) {
    }

    /**
     * Takes the due claims for this run (at most {@code check-batch}, the most overdue first): each is read again,
     * locked and marked taken in this transaction, so that no other run, on this node or another, takes it again
     * before its check has written its result. Claims are locked in the order of their ids, the same in every run.
     */
    List<DueCheck> takeDueChecks() {
        Instant real = Instant.now();
        List<DueCheck> taken = new ArrayList<>();
        List<DomainClaim> due = dueClaims(real).stream().sorted(Comparator.comparing(DomainClaim::id)).toList();
        for (DomainClaim claim : due) {
            RealmModel realm = session.realms().getRealm(claim.realmId());
            if (realm == null) {
                continue; // removed meanwhile
            }
            Instant now = real.plus(clockOffset(realm));
            Optional<ClaimStore.Candidate> fresh = store.lockCandidate(claim.id());
            if (fresh.isPresent() && config.policy().mayTake(fresh.get().claim(), fresh.get().takenAt(), now)) {
                store.setTaken(claim.id(), now);
                taken.add(new DueCheck(claim.id(), claim.realmId(), recordName(realm, fresh.get().claim()),
                        fresh.get().claim().token()));
            }
        }
        return taken;
    }

    /**
     * The claims a run may take at {@code real} (this machine's time), at most {@code check-batch}, the most overdue
     * first: the database selects only claims that {@link ClaimPolicy#mayTake} may take ({@link ClaimStore#due}, by
     * the bounds of {@link ClaimPolicy#takeBounds}), so that claims that are not due (verified by hand, checked
     * recently, taken by another run) never fill a batch; the policy has the last word. With {@code test-clock}, the
     * realms whose clock is moved are selected each at their own time, the other realms at {@code real}.
     */
    private List<DomainClaim> dueClaims(Instant real) {
        ClaimPolicy policy = config.policy();
        Map<String, Duration> moved = config.testClock() ? movedClocks() : Map.of();
        Function<DomainClaim, Duration> offset = claim -> moved.getOrDefault(claim.realmId(), Duration.ZERO);
        return selected(real, moved).stream()
                .filter(candidate -> session.realms().getRealm(candidate.claim().realmId()) != null
                        && policy.mayTake(candidate.claim(), candidate.takenAt(),
                        real.plus(offset.apply(candidate.claim()))))
                .map(ClaimStore.Candidate::claim)
                .sorted(Comparator.comparing((DomainClaim claim) -> policy.dueAt(claim)
                                .map(at -> at.minus(offset.apply(claim))).orElse(Instant.MAX))
                        .thenComparing(DomainClaim::id))
                .limit(config.checkBatch())
                .toList();
    }

    /** What the database selects: one query for every realm, or, with moved test clocks, one per clock. */
    private List<ClaimStore.Candidate> selected(Instant real, Map<String, Duration> moved) {
        ClaimPolicy policy = config.policy();
        int max = config.checkBatch();
        if (moved.isEmpty()) {
            return store.due(policy, real, max);
        }
        List<ClaimStore.Candidate> found = new ArrayList<>(store.dueOutside(moved.keySet(), policy, real, max));
        moved.entrySet().stream()
                .collect(Collectors.groupingBy(Map.Entry::getValue,
                        Collectors.mapping(Map.Entry::getKey, Collectors.toSet())))
                .forEach((offset, realmIds) -> found.addAll(store.dueIn(realmIds, policy, real.plus(offset), max)));
        return found;
    }

    /** With {@code test-clock}: the realms whose clock is moved, and by how much. */
    private Map<String, Duration> movedClocks() {
        Map<String, Duration> moved = new HashMap<>();
        session.realms().getRealmsStream().forEach(realm -> {
            Duration offset = clockOffset(realm);
            if (!offset.isZero()) {
                moved.put(realm.getId(), offset);
            }
        });
        return moved;
    }

    /** Gives back claims this run took but will not check: the next run may take them. */
    void release(List<DueCheck> checks) {
        checks.forEach(check -> store.setTaken(check.claimId(), null));
    }

    /**
     * Applies a background check result (in a new transaction) and gives the claim back; a claim removed or changed
     * meanwhile is skipped.
     */
    void applyBackground(DueCheck check, TxtCheck.Result result) {
        RealmModel realm = session.realms().getRealm(check.realmId());
        Optional<DomainClaim> claim = store.lockById(check.claimId());
        if (claim.isEmpty()) {
            return;
        }
        store.setTaken(check.claimId(), null);
        if (realm == null || !claim.get().token().equals(check.token())) {
            return;
        }
        session.getContext().setRealm(realm);
        apply(realm, claim.get(), result, now(realm), Actor.SYSTEM, true);
        OrganizationModel org = organizations().getById(claim.get().organizationId());
        if (org != null) {
            repair(realm, org);
        }
    }

    private DomainClaim apply(RealmModel realm, DomainClaim claim, TxtCheck.Result result, Instant now, Actor actor,
                              boolean background) {
        Transition t = config.policy().afterCheck(claim, result.outcome(), now);
        DomainAudit.countCheck(realm.getName(), result.outcome().code(), background);
        LOG.debugf("DNS check of %s (organization %s): %s, %s -> %s", claim.domain(), claim.organizationId(),
                result.detail(), claim.state().code(), t.claim().state().code());
        OrganizationModel org = organizations().getById(claim.organizationId());
        DomainClaim after = t.claim();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("state", after.state().code());
        details.put("check", result.outcome().code());
        switch (t.change()) {
            case VERIFIED -> {
                if (org == null || !takeOver(realm, org, after, actor)) {
                    // another organization registered it verified meanwhile: keep the claim as it was
                    after = claim.state() == ClaimState.VERIFIED ? t.claim() : withCheck(claim, result, now);
                    store.save(after);
                    return after;
                }
                KeycloakDomains.setVerified(org, after.domain(), true);
                UnknownDomains.forget(session, realm.getId());
                events.record(realm, claim.organizationId(), after.domain(), "VERIFIED", OperationType.UPDATE,
                        actor, details);
            }
            case VERIFICATION_LOST -> {
                if (org != null) {
                    KeycloakDomains.unverify(org, after.domain());
                }
                details.put("negative_answers", String.valueOf(claim.negatives() + 1));
                events.record(realm, claim.organizationId(), after.domain(), "VERIFICATION_LOST",
                        OperationType.UPDATE, actor, details);
            }
            case FAILED -> events.record(realm, claim.organizationId(), after.domain(), "FAILED",
                    OperationType.UPDATE, actor, details);
            default -> {
            }
        }
        store.save(after);
        return after;
    }

    private static DomainClaim withCheck(DomainClaim claim, TxtCheck.Result result, Instant now) {
        return new DomainClaim(claim.id(), claim.realmId(), claim.organizationId(), claim.domain(), claim.token(),
                claim.state(), claim.createdAt(), claim.pendingSince(), claim.verifiedAt(), claim.failedAt(), now,
                result.outcome(), claim.lastManualCheckAt(), claim.negatives(), claim.firstNegativeAt(),
                claim.verifiedByHand());
    }

    /**
     * Before {@code org} gets the domain: another organization that holds it unverified loses it (Keycloak domain
     * and claims, with an audit record). Returns false when another organization holds it verified.
     */
    private boolean takeOver(RealmModel realm, OrganizationModel org, DomainClaim claim, Actor actor) {
        DomainClaimRequest request = DomainClaimRequest.check(claim.domain(), suffixes).request();
        String base = request == null ? claim.domain() : request.baseDomain();
        if (verifiedElsewhere(realm, org, claim.domain(), base)) {
            return false;
        }
        new KeycloakDomains(organizations()).otherHolder(org, claim.domain(), base).ifPresent(other -> {
            KeycloakDomains.remove(other, claim.domain());
            events.record(realm, other.getId(), claim.domain(), "TAKEN_OVER", OperationType.DELETE, actor,
                    Map.of("by_organization_id", org.getId()));
        });
        for (DomainClaim competing : store.byDomain(realm.getId(), claim.domain())) {
            if (!competing.organizationId().equals(org.getId())) {
                store.delete(competing.id());
                events.record(realm, competing.organizationId(), claim.domain(), "TAKEN_OVER", OperationType.DELETE,
                        actor, Map.of("by_organization_id", org.getId(), "previous_state", competing.state().code()));
            }
        }
        return true;
    }

    /** Whether another organization holds the domain verified: its Keycloak flag or its verified claim. */
    private boolean verifiedElsewhere(RealmModel realm, OrganizationModel org, String domain, String base) {
        boolean claimed = store.byDomain(realm.getId(), domain).stream()
                .anyMatch(c -> !c.organizationId().equals(org.getId()) && c.state() == ClaimState.VERIFIED);
        return claimed || new KeycloakDomains(organizations()).otherHolder(org, domain, base)
                .flatMap(other -> KeycloakDomains.entry(other, domain))
                .map(entry -> entry.isVerified()).orElse(false);
    }

    private Optional<DomainClaim> find(RealmModel realm, OrganizationModel org, String domain) {
        return find(realm.getId(), org.getId(), domain);
    }

    private Optional<DomainClaim> find(String realmId, String organizationId, String domain) {
        Optional<String> normalized = io.github.jitprovisioning.core.text.DomainName.normalizePattern(
                domain == null ? null : domain.strip());
        return normalized.flatMap(d -> store.find(realmId, organizationId, d));
    }

    /**
     * The claim as it is now, locked until the transaction ends, for a change decided on it (mark verified, remove): a
     * background check that wrote its result after the first read is seen, and one that writes later waits.
     */
    private Optional<DomainClaim> findLocked(RealmModel realm, OrganizationModel org, String domain) {
        return findLocked(realm.getId(), org.getId(), domain);
    }

    private Optional<DomainClaim> findLocked(String realmId, String organizationId, String domain) {
        return find(realmId, organizationId, domain).flatMap(claim -> store.lockById(claim.id()));
    }

    private DomainView view(RealmModel realm, DomainClaim claim) {
        return DomainView.of(claim, prefix(realm), config.policy().pendingPeriod());
    }

    private String recordName(RealmModel realm, DomainClaim claim) {
        return DomainClaimRequest.recordName(prefix(realm), claim.domain());
    }

    private String prefix(RealmModel realm) {
        String prefix = realm.getAttribute(PREFIX_ATTRIBUTE);
        return prefix == null || prefix.isBlank() ? config.recordPrefix() : prefix.strip();
    }

    /** The clock: the system's, plus the realm's test offset when the server runs with {@code test-clock}. */
    Instant now(RealmModel realm) {
        return Instant.now().plus(clockOffset(realm));
    }

    /** The realm's test offset: zero unless the server runs with {@code test-clock} and the realm sets one. */
    private Duration clockOffset(RealmModel realm) {
        if (config.testClock()) {
            String offset = realm.getAttribute(TEST_CLOCK_ATTRIBUTE);
            if (offset != null && !offset.isBlank()) {
                try {
                    return Duration.ofSeconds(Long.parseLong(offset.strip()));
                } catch (NumberFormatException e) {
                    LOG.warnf("realm %s: %s is not a number of seconds", realm.getName(), TEST_CLOCK_ATTRIBUTE);
                }
            }
        }
        return Duration.ZERO;
    }

    public ClaimPolicy policy() {
        return config.policy();
    }

    private OrganizationProvider organizations() {
        return session.getProvider(OrganizationProvider.class);
    }

    @Override
    public void close() {
    }
}
