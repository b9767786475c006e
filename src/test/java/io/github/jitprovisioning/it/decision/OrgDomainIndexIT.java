package io.github.jitprovisioning.it.decision;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.jitprovisioning.it.harness.DistributionServer;
import io.github.jitprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.jitprovisioning.it.harness.KeycloakServer;
import io.github.jitprovisioning.it.harness.PostgresDatabase;
import io.github.jitprovisioning.it.harness.Scenario;

/**
 * The index on {@code ORG_DOMAIN(NAME)} that the extension's changelog adds, seen in the database of the running
 * server: on PostgreSQL (execution {@code it-postgres}) through {@code pg_indexes} and {@code EXPLAIN}; on H2 the
 * changelog is covered by {@code OrgDomainIndexChangelogTest} and by every server start of the H2 run.
 */
@KeycloakIntegrationTest
@Tag("postgres")
class OrgDomainIndexIT {

    private static String jdbcUrl;

    @BeforeAll
    static void postgresOnly(KeycloakServer server) {
        jdbcUrl = server instanceof DistributionServer distribution ? distribution.postgresJdbcUrl().orElse(null) : null;
        assumeTrue(jdbcUrl != null, "the index is looked up in PostgreSQL's catalog: execution it-postgres");
    }

    @Test
    void theServersDatabaseHasExactlyOneIndexOnTheDomainNameAndItIsOurs() throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (Connection db = connect(); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'org_domain'")) {
            while (rs.next()) {
                if (rs.getString(2).toLowerCase().endsWith("(name)")) {
                    indexes.add(rs.getString(1));
                }
            }
        }
        assertThat(indexes).containsExactly("idx_jit_org_domain_name");
    }

    /** Keycloak names the table after the first 10 characters of the provider id (JpaUtils.getCustomChangelogTableName). */
    @Test
    void theChangeSetIsRecordedInItsOwnChangelogTable() throws SQLException {
        try (Connection db = connect(); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id, exectype FROM databasechangelog_jit_org_do")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("jit-1.1.0-org-domain-name-index");
            assertThat(rs.getString(2)).isEqualTo("EXECUTED");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void aLookupByDomainNameCanUseTheIndex(Scenario scenario) throws SQLException {
        scenario.organization("indexed", List.of("indexed.test"), java.util.Map.of());
        List<String> plan = new ArrayList<>();
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            statement.execute("ANALYZE org_domain");
            // with a handful of rows a sequential scan is cheapest; the question here is whether the index serves
            // Keycloak's lookup (NAME IN (domain, *.parents)) at all: the benchmark shows what the planner picks at
            // 10,000 and 100,000 organizations
            statement.execute("SET enable_seqscan = off");
            try (ResultSet rs = statement.executeQuery(
                    "EXPLAIN SELECT * FROM org_domain WHERE name IN ('indexed.test', '*.indexed.test', '*.test')")) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
        }
        assertThat(String.join("\n", plan)).contains("idx_jit_org_domain_name");
    }

    private static Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", PostgresDatabase.USER);
        return DriverManager.getConnection(jdbcUrl, properties);
    }
}
