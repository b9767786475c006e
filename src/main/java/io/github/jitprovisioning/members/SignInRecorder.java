package io.github.jitprovisioning.members;

import io.github.jitprovisioning.core.members.SignInDays;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

/**
 * Records a successful brokered login ({@code LOGIN} with an {@code identity_provider}) through an IdP linked to an
 * organization of which the user is a member. What it costs:
 * <ul>
 * <li>an IdP linked to no organization (social logins), a login without IdP: nothing (the IdP model is cached);</li>
 * <li>a member who already signed in today: one read of the member's row by its unique key, no write;</li>
 * <li>otherwise, after the login committed, one write in a transaction of its own, so that a failed write (a
 * concurrent first sign-in of the day on another node) never fails the login.</li>
 * </ul>
 */
final class SignInRecorder implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(SignInRecorder.class);

    /** Records nothing (SPI option {@code record-sign-ins=false}). */
    static final EventListenerProvider OFF = new EventListenerProvider() {
        @Override
        public void onEvent(Event event) {
        }

        @Override
        public void onEvent(AdminEvent event, boolean includeRepresentation) {
        }

        @Override
        public void close() {
        }
    };

    private final KeycloakSession session;

    SignInRecorder(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() != EventType.LOGIN || event.getError() != null || event.getUserId() == null
                || event.getDetails() == null) {
            return;
        }
        String alias = event.getDetails().get(Details.IDENTITY_PROVIDER);
        RealmModel realm = session.getContext().getRealm();
        if (alias == null || realm == null || !realm.getId().equals(event.getRealmId())
                || !realm.isOrganizationsEnabled()) {
            return;
        }
        IdentityProviderModel idp = session.identityProviders().getByAlias(alias);
        String organizationId = idp == null ? null : idp.getOrganizationId();
        if (organizationId == null) {
            return;
        }
        long now = Time.currentTimeMillis();
        JitMemberEntity row = new MemberRecords(session).find(organizationId, event.getUserId());
        if (row != null && !SignInDays.mustWrite(row.getLastSignInDay(), now)) {
            return;
        }
        if (row == null && !isMember(organizationId, event.getUserId())) {
            return;
        }
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        String realmId = realm.getId();
        String userId = event.getUserId();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                try {
                    KeycloakModelUtils.runJobInTransaction(factory, s -> new MemberRecords(s)
                            .recordSignIn(realmId, organizationId, userId, alias, now));
                } catch (RuntimeException e) {
                    LOG.debugf(e, "JIT members: the sign-in of user %s in organization %s was not recorded", userId,
                            organizationId);
                }
            }

            @Override
            protected void rollbackImpl() {
                // the login did not happen
            }
        });
    }

    private boolean isMember(String organizationId, String userId) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (organizations == null) {
            return false;
        }
        OrganizationModel organization = organizations.getById(organizationId);
        UserModel user = organization == null ? null : session.users().getUserById(session.getContext().getRealm(), userId);
        return user != null && organizations.isMember(organization, user);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        // membership changes arrive as Keycloak's join and leave announcements (MembershipEvents)
    }

    @Override
    public void close() {
    }
}
