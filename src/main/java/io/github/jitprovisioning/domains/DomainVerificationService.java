package io.github.jitprovisioning.domains;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
    private final ManualCheckGate manualChecks;
    private final ClaimStore store;
    private final DomainEvents events;
    private final DomainClock clock;
    private final DomainTakeover takeover;
    private final DomainFlagRepair flags;
    private final CheckResults checks;
    private final DueChecks due;

    DomainVerificationService(KeycloakSession session, DomainVerificationConfig config, PublicSuffixList suffixes,
                              ConfusableDomains confusables, DnsTransport dns, ManualCheckGate manualChecks) {
        this.session = session;
        this.config = config;
        this.suffixes = suffixes;
        this.confusables = confusables;
        this.dns = dns;
        this.manualChecks = manualChecks;
        this.store = new ClaimStore(session);
        this.events = new DomainEvents(session);
        this.clock = new DomainClock(config);
        this.takeover = new DomainTakeover(session, suffixes, store, events);
        this.flags = new DomainFlagRepair(store, events);
        this.checks = new CheckResults(session, config, store, events, takeover);
        this.due = new DueChecks(session, config, store, clock);
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
        if (takeover.verifiedElsewhere(realm, org, request.domain(), request.baseDomain())) {
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
     * the row lock, as the background check writes its own. The request's own transaction (Keycloak's) keeps its
     * database connection while the DNS answers, so at most {@code verify-now-concurrency} requests of a node wait at
     * once ({@link ManualCheckGate}); more are refused at once with {@code BUSY}, before their slot is taken.
     */
    public DomainResult verifyNow(RealmModel realm, OrganizationModel org, String domain, Actor actor) {
        if (!manualChecks.tryEnter()) {
            return DomainResult.refused(DomainResult.Status.BUSY, "verify-busy");
        }
        try {
            return verifyNowWithPermit(realm, org, domain, actor);
        } finally {
            manualChecks.leave();
        }
    }

    private DomainResult verifyNowWithPermit(RealmModel realm, OrganizationModel org, String domain, Actor actor) {
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
        DomainClaim after = checks.apply(realm, fresh.get(), result, now, actor, false);
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
        if (request != null && takeover.verifiedElsewhere(realm, org, request.domain(), request.baseDomain())) {
            return DomainResult.refused(DomainResult.Status.CONFLICT, "domain-taken");
        }
        Transition t = config.policy().markVerifiedByHand(found.get(), now(realm));
        if (t.change() == Change.NONE) {
            return DomainResult.ok(view(realm, t.claim()), "already verified");
        }
        if (!takeover.takeOver(realm, org, t.claim(), actor)) {
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
        return flags.repair(realm, org, authoritative);
    }

    /** Forgets the claims of a removed organization. */
    void forgetOrganization(String realmId, String organizationId) {
        store.deleteOrganization(realmId, organizationId);
    }

    /** Takes the due claims for this run of the background check: see {@link DueChecks#take()}. */
    List<DueChecks.DueCheck> takeDueChecks() {
        return due.take();
    }

    /** Gives back claims this run took but will not check: the next run may take them. */
    void release(List<DueChecks.DueCheck> checks) {
        due.release(checks);
    }

    /**
     * Applies a background check result (in a new transaction) and gives the claim back; a claim removed or changed
     * meanwhile is skipped.
     */
    void applyBackground(DueChecks.DueCheck check, TxtCheck.Result result) {
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
        checks.apply(realm, claim.get(), result, now(realm), Actor.SYSTEM, true);
        OrganizationModel org = organizations().getById(claim.get().organizationId());
        if (org != null) {
            repair(realm, org);
        }
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
        return clock.prefix(realm);
    }

    /** The clock: the system's, plus the realm's test offset when the server runs with {@code test-clock}. */
    Instant now(RealmModel realm) {
        return clock.now(realm);
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
