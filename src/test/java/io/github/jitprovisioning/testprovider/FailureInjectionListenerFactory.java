package io.github.jitprovisioning.testprovider;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;

/**
 * Test-only provider, packaged into its own JAR ({@code *-test-providers.jar}) and installed next to the extension on
 * the integration-test server only: makes a run-time failure happen inside the JIT provisioning step, after Keycloak
 * created the user. When a user joins an organization whose attribute {@value #FAIL_ON_MEMBER_JOIN} is {@code true},
 * it throws from Keycloak's own membership event, which Keycloak publishes synchronously inside
 * {@code OrganizationProvider.addManagedMember}. Inert everywhere else.
 *
 * <p>It registers its listener with the session factory; the event-listener SPI is only the way in (the realm need
 * not enable it, and the provider it creates ignores every event).
 */
public final class FailureInjectionListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "jit-test-failure-injection";
    public static final String FAIL_ON_MEMBER_JOIN = "jit-test.fail-on-member-join";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
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
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof OrganizationModel.OrganizationMemberJoinEvent join) {
                List<String> fail = join.getOrganization().getAttributes().get(FAIL_ON_MEMBER_JOIN);
                if (fail != null && fail.contains("true")) {
                    throw new IllegalStateException("test failure injected into the membership of user "
                            + join.getUser().getUsername());
                }
            }
        });
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
