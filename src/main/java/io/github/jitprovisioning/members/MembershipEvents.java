package io.github.jitprovisioning.members;

import io.github.jitprovisioning.core.members.MemberOrigin;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.provider.ProviderEvent;

/**
 * Keycloak's announcements of a member joining or leaving an organization, on whatever path (admin console, admin
 * API, Keycloak's invitation link, JIT). Kept apart so that the event classes are named only by a class that a
 * Keycloak without them never loads ({@code KeycloakCompat.MEMBERSHIP_EVENTS}).
 */
final class MembershipEvents {

    private MembershipEvents() {
    }

    static void onEvent(ProviderEvent event) {
        if (event instanceof OrganizationModel.OrganizationMemberJoinEvent join) {
            KeycloakSession session = join.getSession();
            OrganizationModel organization = join.getOrganization();
            UserModel user = join.getUser();
            // JIT's provisioning step and its linking overwrite this right after, in the same transaction
            if (session.getContext().getRealm() == null) {
                return;
            }
            new MemberRecords(session).recordJoinIfAbsent(session.getContext().getRealm().getId(), organization.getId(), user.getId(), invited(session, organization, user)
                            ? MemberOrigin.INVITED : MemberOrigin.ADDED, Time.currentTimeMillis());
        } else if (event instanceof OrganizationModel.OrganizationMemberLeaveEvent leave) {
            new MemberRecords(leave.getSession()).forgetMembership(leave.getOrganization().getId(), leave.getUser().getId());
        }
    }

    /** A pending invitation of the organization for the member's address: the join redeems it. */
    private static boolean invited(KeycloakSession session, OrganizationModel organization, UserModel user) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        return user.getEmail() != null && organizations != null
                && organizations.getInvitationManager().getByEmail(organization, user.getEmail()) != null;
    }
}
