package io.github.jitprovisioning.it.harness;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * A fresh PostgreSQL database for one test server: {@code jit_it_<random>} created on the local PostgreSQL
 * (127.0.0.1:5432, user {@code postgres}, trust authentication) before Keycloak starts and dropped after it stops.
 * The administrative connection goes to the {@code postgres} database without a password. System properties
 * {@code jit.it.pg.host} and {@code jit.it.pg.port} point elsewhere (e.g. a closed port, to see the run skipped).
 */
public final class PostgresDatabase implements AutoCloseable {

    static final String HOST = System.getProperty("jit.it.pg.host", "127.0.0.1");
    static final int PORT = Integer.getInteger("jit.it.pg.port", 5432);
    public static final String USER = "postgres";
    /** Sent by Keycloak only because it wants one; trust authentication ignores it. */
    static final String PASSWORD = "postgres";
    private static final String ADMIN_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";

    private final String name;
    private boolean dropped;

    private PostgresDatabase(String name) {
        this.name = name;
    }

    /** Whether the administrative connection succeeds within a few seconds (else the PostgreSQL run is skipped). */
    public static boolean reachable() {
        try (Connection ignored = adminConnection()) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    public static String unreachableReason() {
        return "PostgreSQL not reachable at " + HOST + ":" + PORT + " as user " + USER;
    }

    /** Creates {@code jit_it_<12 random hex digits>}. */
    public static PostgresDatabase create() {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String name = "jit_it_" + HexFormat.of().formatHex(random);
        execute("CREATE DATABASE " + name);
        return new PostgresDatabase(name);
    }

    String name() {
        return name;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
    }

    /** Options of {@code kc.sh start} that point Keycloak at this database. */
    List<String> startOptions() {
        return List.of("--db-url=" + jdbcUrl(), "--db-username=" + USER, "--db-password=" + PASSWORD);
    }

    /** Drops the database, closing any connection left to it (Keycloak is already stopped). Idempotent. */
    @Override
    public synchronized void close() {
        if (dropped) {
            return;
        }
        dropped = true;
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + ADMIN_URL + ": " + e.getMessage(), e);
        }
    }

    private static Connection adminConnection() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("socketTimeout", "60");
        return DriverManager.getConnection(ADMIN_URL, properties);
    }

    @Override
    public String toString() {
        return "PostgreSQL database " + name + " at " + HOST + ":" + PORT;
    }
}
