package io.github.jitprovisioning.portal;

import io.github.jitprovisioning.core.portal.PortalInput;
import io.github.jitprovisioning.core.portal.RefusalAdvice;
import io.github.jitprovisioning.core.decision.ReferenceCode;
import io.github.jitprovisioning.core.rollout.JitMode;
import io.github.jitprovisioning.provisioning.JitRecord;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.Event;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code .../decisions}: the JIT decisions about the organization, read from Keycloak's saved user events: those
 * made through an identity provider linked to it, or naming it. Filter by {@code outcome}, {@code reason}, or find
 * one by {@code reference}. Each refusal carries what the admin can do ({@link RefusalAdvice}). Says when the realm
 * does not save events.
 */
public final class DecisionsApi {

    static final Duration WINDOW = Duration.ofDays(30);
    private static final int SCAN_LIMIT = 5000;
    private static final EventType[] TYPES = {EventType.IDENTITY_PROVIDER_FIRST_LOGIN,
            EventType.IDENTITY_PROVIDER_FIRST_LOGIN_ERROR};

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OrganizationModel organization;

    DecisionsApi(KeycloakSession session, RealmModel realm, OrganizationModel organization) {
        this.session = session;
        this.realm = realm;
        this.organization = organization;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("outcome") String outcome, @QueryParam("reason") String reason,
                         @QueryParam("reference") String reference, @QueryParam("max") String max,
                         @QueryParam("wouldHaveRefused") String wouldHaveRefused) {
        if (wouldHaveRefused != null && !wouldHaveRefused.equals("true") && !wouldHaveRefused.equals("false")) {
            return ApiResponses.error(Response.Status.BAD_REQUEST, "invalid_request", "wouldHaveRefused must be true or false");
        }
        Boolean letThrough = wouldHaveRefused == null ? null : Boolean.valueOf(wouldHaveRefused);
        for (Map.Entry<String, String> filter : filters(outcome, reason, reference).entrySet()) {
            java.util.Optional<String> refusal = PortalInput.textRefusal(filter.getValue());
            if (refusal.isPresent()) {
                return ApiResponses.error(Response.Status.BAD_REQUEST, "invalid_request", filter.getKey() + " " + refusal.get());
            }
        }
        java.util.OptionalInt bounded = PortalInput.decisionsMax(max);
        if (bounded.isEmpty()) {
            return ApiResponses.error(Response.Status.BAD_REQUEST, "invalid_request",
                    "max must be a whole number from 1 to " + PortalInput.MAX_DECISIONS);
        }
        String code = reference == null || reference.isBlank() ? null : reference.trim().toUpperCase(Locale.ROOT);
        if (code != null && !ReferenceCode.isWellFormed(code)) {
            return ApiResponses.error(Response.Status.BAD_REQUEST, "invalid_reference",
                    "a reference code looks like JIT-7K3Q9XMD");
        }
        int limit = bounded.getAsInt();
        Set<String> aliases = aliases();
        List<Map<String, Object>> decisions = events()
                .filter(event -> outcome == null || outcome.equals(event.getDetails().get(JitRecord.OUTCOME)))
                .filter(event -> reason == null || reason.equals(event.getDetails().get(JitRecord.REASON)))
                .filter(event -> code == null || code.equals(event.getDetails().get(JitRecord.REFERENCE)))
                .filter(event -> letThrough == null || letThrough == wouldHaveRefused(event))
                .limit(limit)
                .map(event -> decision(event, aliases))
                .toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("savedEvents", realm.isEventsEnabled());
        answer.put("days", WINDOW.toDays());
        answer.put("decisions", decisions);
        answer.put("rateCap", RateCapView.of(session, realm, organization));
        return ApiResponses.ok(answer);
    }

    private static Map<String, String> filters(String outcome, String reason, String reference) {
        Map<String, String> filters = new LinkedHashMap<>();
        if (outcome != null) {
            filters.put("outcome", outcome);
        }
        if (reason != null) {
            filters.put("reason", reason);
        }
        if (reference != null) {
            filters.put("reference", reference);
        }
        return filters;
    }

    /**
     * Counts by outcome over the last {@code days} days, for the overview, and the refusals that report-only let
     * through ("would have refused"), by reason: none left means enforce mode would refuse no one that got in.
     */
    Map<String, Object> lastDays(int days) {
        List<Event> events = events().toList();
        Map<String, Long> byOutcome = new TreeMap<>(events.stream()
                .collect(Collectors.groupingBy(event -> event.getDetails().get(JitRecord.OUTCOME), Collectors.counting())));
        Map<String, Long> wouldHaveRefused = new TreeMap<>(events.stream().filter(DecisionsApi::wouldHaveRefused)
                .collect(Collectors.groupingBy(event -> event.getDetails().get(JitRecord.REASON), Collectors.counting())));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("savedEvents", realm.isEventsEnabled());
        summary.put("days", days);
        summary.put("byOutcome", byOutcome);
        summary.put("wouldHaveRefused", wouldHaveRefused.values().stream().mapToLong(Long::longValue).sum());
        summary.put("wouldHaveRefusedByReason", wouldHaveRefused);
        return summary;
    }

    /** A refusal that report-only let through: the rules refused it, the login went on as the stock flow would. */
    static boolean wouldHaveRefused(Event event) {
        return "blocked".equals(event.getDetails().get(JitRecord.OUTCOME))
                && JitMode.REPORT_ONLY.code().equals(event.getDetails().get(JitRecord.MODE))
                && event.getError() == null;
    }

    /** The organization's JIT events of the window, newest first. */
    private Stream<Event> events() {
        EventStoreProvider store = session.getProvider(EventStoreProvider.class);
        if (store == null) {
            return Stream.empty();
        }
        Set<String> aliases = aliases();
        return store.createQuery().realm(realm.getId()).type(TYPES)
                .fromDate(Instant.now().minus(WINDOW).toEpochMilli())
                .orderByDescTime().maxResults(SCAN_LIMIT)
                .getResultStream()
                .filter(event -> event.getDetails() != null && event.getDetails().get(JitRecord.OUTCOME) != null)
                .filter(event -> organization.getId().equals(event.getDetails().get(JitRecord.ORGANIZATION_ID))
                        || aliases.contains(event.getDetails().get(JitRecord.IDENTITY_PROVIDER)));
    }

    private Set<String> aliases() {
        return organization.getIdentityProviders().map(IdentityProviderModel::getAlias).collect(Collectors.toSet());
    }

    private Map<String, Object> decision(Event event, Set<String> aliases) {
        Map<String, String> details = event.getDetails();
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("time", Instant.ofEpochMilli(event.getTime()).toString());
        decision.put("outcome", details.get(JitRecord.OUTCOME));
        decision.put("reason", details.get(JitRecord.REASON));
        decision.put("reference", details.get(JitRecord.REFERENCE));
        decision.put("identityProvider", details.get(JitRecord.IDENTITY_PROVIDER));
        decision.put("emailDomain", details.get(JitRecord.EMAIL_DOMAIN));
        decision.put("userId", event.getUserId());
        decision.put("mode", details.getOrDefault(JitRecord.MODE, JitMode.ENFORCE.code()));
        decision.put("wouldHaveRefused", wouldHaveRefused(event));
        // the user's name at the organization's own IdP (the admin needs it to invite them); never another IdP's
        decision.put("identity", aliases.contains(details.get(JitRecord.IDENTITY_PROVIDER))
                ? details.get("identity_provider_identity") : null);
        RefusalAdvice.forReason(details.get(JitRecord.REASON)).ifPresent(advice -> {
            decision.put("advice", advice.code());
            decision.put("action", advice.action());
        });
        return decision;
    }
}
