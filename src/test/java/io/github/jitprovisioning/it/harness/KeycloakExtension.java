package io.github.jitprovisioning.it.harness;

import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the one {@link KeycloakServer} of the run and one {@link Scenario} per test class.
 *
 * <p>The server is started lazily by the first class that needs it and kept in the root store, which closes it
 * when the test run (the failsafe JVM) ends. A start failure is remembered, so later classes fail at once with
 * the same cause instead of trying again. The backend comes from system property {@code jit.it.backend}:
 * {@code distribution} (default) or {@code testcontainers}; without a Docker engine the latter disables every class
 * (reported as skipped, never failed). The database comes from system property {@code jit.it.db}: {@code dev-file}
 * (default) or {@code postgres} (distribution backend only: a fresh database on the PostgreSQL at 127.0.0.1:5432,
 * dropped at the end); when that PostgreSQL does not answer, every class is disabled the same way.
 *
 * <p>Parameters of type {@code KeycloakServer} and {@code Scenario} are resolved in lifecycle methods and tests;
 * the Scenario is the same instance for all methods of a class and is closed after the class.
 */
public final class KeycloakExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

    public enum Backend {
        DISTRIBUTION, TESTCONTAINERS;

        public static Backend current() {
            return valueOf(System.getProperty("jit.it.backend", "distribution").trim().toUpperCase(Locale.ROOT));
        }
    }

    static ServerDatabase database() {
        return ServerDatabase.fromProperty("jit.it.db");
    }

    /**
     * Disables every class on the testcontainers backend when no Docker engine answers, and on the PostgreSQL
     * database when PostgreSQL does not answer, so the run reports them as skipped (a class-level assumption abort
     * would make failsafe report zero tests instead).
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Backend.current() == Backend.TESTCONTAINERS && !dockerAvailable(context)) {
            return ConditionEvaluationResult.disabled("no Docker engine available: the testcontainers backend is skipped");
        }
        if (database() == ServerDatabase.POSTGRES && !postgresAvailable(context)) {
            return ConditionEvaluationResult.disabled(PostgresDatabase.unreachableReason() + ": the PostgreSQL run is skipped");
        }
        return ConditionEvaluationResult.enabled("backend " + Backend.current() + ", database " + database().keycloakName());
    }

    private static boolean postgresAvailable(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("postgres-available", key -> PostgresDatabase.reachable(), Boolean.class);
    }

    private static boolean dockerAvailable(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("docker-available", key -> ContainerServer.dockerAvailable(), Boolean.class);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == KeycloakServer.class || type == Scenario.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (parameterContext.getParameter().getType() == KeycloakServer.class) {
            return server(extensionContext);
        }
        return scenario(extensionContext);
    }

    /** The server of this run, started on first use. */
    public static KeycloakServer server(ExtensionContext context) {
        ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
        Backend backend = Backend.current();
        if (backend == Backend.TESTCONTAINERS) {
            // reached only when a test asks for the server without the class being disabled (e.g. a nested use)
            Assumptions.assumeTrue(dockerAvailable(context), "no Docker engine available: the testcontainers backend is skipped");
        }
        if (database() == ServerDatabase.POSTGRES) {
            Assumptions.assumeTrue(postgresAvailable(context), PostgresDatabase.unreachableReason() + ": the PostgreSQL run is skipped");
        }
        ServerDatabase database = database();
        return root.getOrComputeIfAbsent("server", key -> ServerHolder.start(backend, database), ServerHolder.class).server();
    }

    private static Scenario scenario(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        KeycloakServer server = server(classContext);
        String prefix = classContext.getRequiredTestClass().getSimpleName();
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent("scenario", key -> Scenario.create(server, prefix), Scenario.class);
    }

    /** The started server or the reason it could not start; closed by JUnit with the root store. */
    private static final class ServerHolder implements AutoCloseable {
        private final KeycloakServer server;
        private final RuntimeException failure;

        private ServerHolder(KeycloakServer server, RuntimeException failure) {
            this.server = server;
            this.failure = failure;
        }

        static ServerHolder start(Backend backend, ServerDatabase database) {
            try {
                Path jar = Path.of(requiredProperty("jit.jar"));
                KeycloakServer server = switch (backend) {
                    case DISTRIBUTION -> DistributionServer.start(Path.of(requiredProperty("keycloak.home")), jar,
                            jar.toAbsolutePath().getParent().resolve(database == ServerDatabase.DEV_FILE
                                    ? "keycloak-it" : "keycloak-it-" + database.keycloakName()),
                            DistributionServer.Launch.forTests(database));
                    case TESTCONTAINERS -> {
                        if (database != ServerDatabase.DEV_FILE) {
                            throw new IllegalStateException("jit.it.db=" + database.keycloakName()
                                    + " is supported on the distribution backend only");
                        }
                        yield ContainerServer.start(requiredProperty("keycloak.version"), jar);
                    }
                };
                return new ServerHolder(server, null);
            } catch (RuntimeException e) {
                return new ServerHolder(null, e);
            }
        }

        KeycloakServer server() {
            if (failure != null) {
                throw new IllegalStateException("Keycloak server did not start: " + failure.getMessage(), failure);
            }
            return server;
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run the ITs through Maven failsafe");
        }
        return value;
    }
}
