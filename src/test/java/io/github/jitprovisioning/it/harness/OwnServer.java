package io.github.jitprovisioning.it.harness;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A Keycloak server of one test class's own, for options that must not reach the shared test server of
 * {@link KeycloakExtension}: registered as a static field ({@code @RegisterExtension}), it starts before the class's
 * first test and stops after its last. It runs the distribution of the run's execution ({@code keycloak.home}, built
 * as for the shared server, see {@link DistributionServer#startApart}) on the run's database ({@code jit.it.db}: a
 * fresh dev-file database, or a fresh PostgreSQL database dropped at the end), with the given options. Parameters of
 * type {@code KeycloakServer} and {@code Scenario} (one per class, on this server) are resolved like
 * {@link KeycloakExtension}'s. Distribution backend only: on testcontainers the class is reported as skipped, as it is
 * on PostgreSQL when PostgreSQL does not answer.
 */
public final class OwnServer implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final String name;
    private final List<String> options;
    private DistributionServer server;
    private Scenario scenario;

    /** {@code name} names its work folder ({@code target/keycloak-it-<name>}); {@code options} are its start options. */
    public OwnServer(String name, List<String> options) {
        this.name = name;
        this.options = List.copyOf(options);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (KeycloakExtension.Backend.current() != KeycloakExtension.Backend.DISTRIBUTION) {
            return ConditionEvaluationResult.disabled("a server of its own runs on the distribution backend only");
        }
        if (KeycloakExtension.database() == ServerDatabase.POSTGRES && !PostgresDatabase.reachable()) {
            return ConditionEvaluationResult.disabled(PostgresDatabase.unreachableReason() + ": the PostgreSQL run is skipped");
        }
        return ConditionEvaluationResult.enabled("a server of its own, database " + KeycloakExtension.database().keycloakName());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ServerDatabase database = KeycloakExtension.database();
        Path jar = Path.of(required("jit.jar"));
        Path workDir = jar.toAbsolutePath().getParent().resolve("keycloak-it-" + name
                + (database == ServerDatabase.DEV_FILE ? "" : "-" + database.keycloakName()));
        server = DistributionServer.startApart(Path.of(required("keycloak.home")), jar, workDir,
                new DistributionServer.Launch(0, 0, null, database, options));
        scenario = Scenario.create(server, context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (scenario != null) {
                scenario.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == KeycloakServer.class || type == Scenario.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KeycloakServer.class ? server : scenario;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; run the ITs through Maven failsafe");
        }
        return value;
    }
}
