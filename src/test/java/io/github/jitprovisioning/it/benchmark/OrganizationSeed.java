package io.github.jitprovisioning.it.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;

import io.github.jitprovisioning.it.harness.PostgresDatabase;

/**
 * Organizations in bulk for the benchmarks, written through SQL into Keycloak's PostgreSQL tables (the admin API
 * manages about 20 organizations a second here): each organization {@code seed<i>} with its organization group, a
 * verified domain {@code seed<i>.test} and an unverified {@code mail.seed<i>.test}. The caller clears the realm
 * cache afterwards, as Keycloak's caches know nothing of rows written behind their back.
 */
final class OrganizationSeed {

    private static final int BATCH = 20_000;

    private final String jdbcUrl;
    private final String realmId;

    OrganizationSeed(String jdbcUrl, String realmId) {
        this.jdbcUrl = jdbcUrl;
        this.realmId = realmId;
    }

    /** Adds organizations {@code from} to {@code to - 1}; returns {@code max(from, to)}. */
    int seed(int from, int to) throws SQLException {
        if (to <= from) {
            return from;
        }
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            db.setAutoCommit(false);
            for (int start = from; start < to; start += BATCH) {
                int end = Math.min(to, start + BATCH) - 1;
                String range = " FROM generate_series(" + start + ", " + end + ") AS i";
                sql.execute("INSERT INTO org (id, enabled, realm_id, group_id, name, alias)"
                        + " SELECT 'seed-o-' || i, true, '" + realmId + "', 'seed-g-' || i, 'seed' || i, 'seed' || i" + range);
                sql.execute("INSERT INTO keycloak_group (id, name, parent_group, realm_id, type, org_id, created_timestamp)"
                        + " SELECT 'seed-g-' || i, 'seed-o-' || i, ' ', '" + realmId + "', 1, 'seed-o-' || i, "
                        + System.currentTimeMillis() + range);
                sql.execute("INSERT INTO org_domain (id, name, verified, org_id)"
                        + " SELECT 'seed-d-' || i, 'seed' || i || '.test', true, 'seed-o-' || i" + range);
                sql.execute("INSERT INTO org_domain (id, name, verified, org_id)"
                        + " SELECT 'seed-m-' || i, 'mail.seed' || i || '.test', false, 'seed-o-' || i" + range);
                db.commit();
            }
            db.setAutoCommit(true);
            sql.execute("ANALYZE org");
            sql.execute("ANALYZE org_domain");
            sql.execute("ANALYZE keycloak_group");
        }
        return to;
    }

    String tableSizes() throws SQLException {
        try (Connection db = connect(); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT (SELECT count(*) FROM org), (SELECT count(*) FROM org_domain)")) {
            rs.next();
            return String.format(Locale.ROOT, "%,d rows in ORG, %,d in ORG_DOMAIN (all realms)", rs.getLong(1), rs.getLong(2));
        }
    }

    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", PostgresDatabase.USER);
        return DriverManager.getConnection(jdbcUrl, properties);
    }
}
