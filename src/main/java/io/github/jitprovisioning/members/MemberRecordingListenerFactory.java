package io.github.jitprovisioning.members;

import io.github.jitprovisioning.provisioning.KeycloakCompat;
import io.github.jitprovisioning.provisioning.Version;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

import java.util.List;
import java.util.Map;

/**
 * The global {@value #PROVIDER_ID} event listener (no realm needs to enable it): records every member's SSO sign-ins
 * through one of the organization's identity providers ({@link SignInRecorder}), and follows Keycloak's announcements
 * of members joining and leaving, users and realms removed, so that the member table holds members only.
 *
 * <p>Why a global listener on {@code LOGIN}: Keycloak sends that event at the end of every successful brokered login,
 * the first one (after the first broker login flow) and every later one, whatever flows the realm configured, with
 * the IdP's alias in the {@code identity_provider} detail. A post-broker-login flow runs only where a realm sets one on
 * the IdP, and an IdP mapper only where it was added; a realm-enabled listener only where an admin enabled it.
 */
public final class MemberRecordingListenerFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "jit-member-sign-ins";
    static final String TASK_NAME = "jit-inactivity-rule";
    static final int DEFAULT_INTERVAL_SECONDS = 3600;
    static final int DEFAULT_BATCH = 100;

    private int intervalSeconds;
    private int batch;
    private boolean recordSignIns;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return recordSignIns ? new SignInRecorder(session) : SignInRecorder.OFF;
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public void init(Config.Scope config) {
        intervalSeconds = Math.max(0, config.getInt("inactivityInterval", DEFAULT_INTERVAL_SECONDS));
        batch = Math.max(1, config.getInt("inactivityBatch", DEFAULT_BATCH));
        // off only to measure what the recording costs a login (docs/performance.md): the Members section and the
        // inactivity rule then see no sign-ins
        recordSignIns = config.getBoolean("recordSignIns", true);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent && intervalSeconds > 0) {
                long interval = intervalSeconds * 1000L;
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                        .schedule(new ClusterAwareScheduledTaskRunner(factory,
                                new InactivityTask(new InactivitySweep(factory, batch)), interval), interval, TASK_NAME));
                return;
            }
            if (KeycloakCompat.MEMBERSHIP_EVENTS) {
                MembershipEvents.onEvent(event);
            }
            if (event instanceof UserModel.UserRemovedEvent removed) {
                new MemberRecords(removed.getKeycloakSession()).forgetUser(removed.getRealm().getId(), removed.getUser().getId());
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                new MemberRecords(removed.getKeycloakSession()).forgetRealm(removed.getRealm().getId());
            }
        });
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new java.util.LinkedHashMap<>(Version.operationalInfo());
        info.put("inactivity-interval", Integer.toString(intervalSeconds));
        info.put("inactivity-batch", Integer.toString(batch));
        info.put("record-sign-ins", Boolean.toString(recordSignIns));
        return info;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("inactivity-interval").type("int").defaultValue(DEFAULT_INTERVAL_SECONDS)
                .helpText("Seconds between two runs of the inactivity rule's background task (one node at a time; 0: never on this node)").add()
                .property().name("inactivity-batch").type("int").defaultValue(DEFAULT_BATCH)
                .helpText("Members removed at most per run of the inactivity rule").add()
                .property().name("record-sign-ins").type("boolean").defaultValue(true)
                .helpText("Record SSO sign-ins of organization members (off only to measure its cost: the inactivity rule then sees none)").add()
                .build();
    }

    @Override
    public void close() {
    }
}
