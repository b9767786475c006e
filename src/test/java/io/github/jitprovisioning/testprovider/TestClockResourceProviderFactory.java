package io.github.jitprovisioning.testprovider;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Test-only provider (installed on the integration-test server only, like {@link FailureInjectionListenerFactory}):
 * {@code /realms/{any}/jit-test-clock} reads ({@code GET}) and moves ({@code PUT ?offsetSeconds=N}) Keycloak's clock
 * ({@link Time#setOffset}), as Keycloak's own test suite does, so that a test reaches the end of a rate-cap hour
 * without waiting for it. The offset is the whole server's: a test sets it back to 0 when it is done.
 */
public final class TestClockResourceProviderFactory implements RealmResourceProviderFactory, RealmResourceProvider {

    public static final String ID = "jit-test-clock";

    @Override
    public Object getResource() {
        return new Clock();
    }

    /** The resource. {@code @Provider}: Keycloak's RESTEasy Reactive finds a provider JAR's resource class only so. */
    @Provider
    public static final class Clock {

        @GET
        public Response offset() {
            return Response.ok(Integer.toString(Time.getOffset()), MediaType.TEXT_PLAIN_TYPE).build();
        }

        @PUT
        public Response move(@QueryParam("offsetSeconds") int seconds) {
            Time.setOffset(seconds);
            return Response.ok(Integer.toString(Time.getOffset()), MediaType.TEXT_PLAIN_TYPE).build();
        }
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
