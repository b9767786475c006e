package io.github.jitprovisioning.sync;

import io.github.jitprovisioning.core.text.EmailAddress;
import io.github.jitprovisioning.core.sync.ProfileSyncPlan;
import io.github.jitprovisioning.core.decision.Reason;
import io.github.jitprovisioning.core.sync.SyncSkip;
import io.github.jitprovisioning.provisioning.JitRecord;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records a sync as its own Keycloak event. A mapper cannot reach the event builder of the login it runs in
 * (Identity Broker Service keeps it private), so the sync is an {@code UPDATE_PROFILE} event of the same user,
 * client, IP address and identity provider, saved next to the login's {@code LOGIN} event and passed to the event
 * listeners ({@code jit-audit} among them). When nothing was written but something was skipped, the event is an
 * {@code UPDATE_PROFILE_ERROR} with error {@value #SKIPPED}, so that a saved-events search for errors finds it.
 */
final class SyncEvent {

    static final String SKIPPED = "jit_sync_skipped";

    private SyncEvent() {
    }

    static Map<String, String> details(String reference, String identityProvider, OrganizationModel organization,
                                       String email, ProfileSyncPlan plan) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put(JitRecord.OUTCOME, Reason.SYNCED.outcome().code());
        details.put(JitRecord.REASON, Reason.SYNCED.code());
        details.put(JitRecord.REFERENCE, reference);
        details.put(JitRecord.IDENTITY_PROVIDER, identityProvider);
        if (organization != null) {
            details.put(JitRecord.ORGANIZATION, organization.getName());
            details.put(JitRecord.ORGANIZATION_ID, organization.getId());
        }
        EmailAddress.parse(email).ifPresent(address -> details.put(JitRecord.EMAIL_DOMAIN, address.domain()));
        if (!plan.changes().isEmpty()) {
            details.put(JitRecord.SYNCED_FIELDS, String.join(",", plan.syncedFields()));
        }
        if (!plan.skips().isEmpty()) {
            details.put(JitRecord.WARNINGS, String.join("; ", plan.skips().stream().map(SyncSkip::warning).toList()));
        }
        return details;
    }

    static void send(KeycloakSession session, RealmModel realm, UserModel user, Map<String, String> details,
                     boolean wroteSomething) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(wroteSomething ? EventType.UPDATE_PROFILE : EventType.UPDATE_PROFILE_ERROR)
                .user(user)
                .detail(Details.USERNAME, user.getUsername())
                .detail(Details.CONTEXT, "jit-profile-sync");
        if (session.getContext().getClient() != null) {
            event.client(session.getContext().getClient());
        }
        details.forEach(event::detail);
        if (wroteSomething) {
            event.success();
        } else {
            event.error(SKIPPED);
        }
    }
}
