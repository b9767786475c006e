package io.github.jitprovisioning.it.harness;

import java.util.List;
import java.util.Locale;

/**
 * The database the distribution test server runs on, chosen by a system property ({@code jit.it.db} for the ITs,
 * {@code benchmark.db} for the benchmark): {@code dev-file} (embedded H2, the default) or {@code postgres} (a fresh
 * database on the local PostgreSQL, see {@link PostgresDatabase}). Orthogonal to the backend
 * ({@code jit.it.backend}), but only the distribution backend supports {@code postgres}.
 */
public enum ServerDatabase {
    DEV_FILE("dev-file"), POSTGRES("postgres");

    private final String keycloakName;

    ServerDatabase(String keycloakName) {
        this.keycloakName = keycloakName;
    }

    /** The value of Keycloak's build option {@code --db}. */
    String keycloakName() {
        return keycloakName;
    }

    /** Options of {@code kc.sh build}; a home built with one database must be built again for the other. */
    List<String> buildOptions() {
        return List.of("--db=" + keycloakName, "--health-enabled=true", "--metrics-enabled=true");
    }

    /** The database named by system property {@code property}, {@link #DEV_FILE} when it is not set. */
    static ServerDatabase fromProperty(String property) {
        return parse(System.getProperty(property, "dev-file"), property);
    }

    /** {@code dev-file} (or {@code h2}, or empty) or {@code postgres} (or {@code postgresql}); {@code source} names it in errors. */
    static ServerDatabase parse(String value, String source) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "", "dev-file", "h2" -> DEV_FILE;
            case "postgres", "postgresql" -> POSTGRES;
            default -> throw new IllegalArgumentException(source + "=" + value + ": expected dev-file or postgres");
        };
    }
}
