package io.github.jitprovisioning.domains;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import liquibase.Contexts;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The claims changelog applied by Liquibase (the version Keycloak 26.7.3 ships) on H2, fresh and over a table that an
 * earlier build created with the first change sets only. On PostgreSQL it runs through the real server in the
 * {@code it-postgres} and {@code it-cluster} runs.
 */
class DomainClaimsChangelogTest {

    private Connection connection;

    @BeforeEach
    void database() throws SQLException {
        connection = DriverManager.getConnection("jdbc:h2:mem:jitclaims" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterEach
    void close() throws SQLException {
        sql("SHUTDOWN");
        connection.close();
    }

    @Test
    void aFreshDatabaseGetsTheClaimTableWithTheColumnOfTheTakenChecks() throws Exception {
        update(-1);

        assertThat(nullableColumns()).contains("CHECK_TAKEN_AT");
        assertThat(ranChangeSets()).containsExactly("jit-domain-claims-1:EXECUTED", "jit-domain-claims-2:EXECUTED",
                "jit-domain-claims-3:EXECUTED");
    }

    @Test
    void theDueClaimsAreIndexedByStateByHandAndLastCheckInsteadOfStateAndLastCheck() throws Exception {
        update(2);
        assertThat(indexes()).containsKey("IDX_JIT_DOMAIN_CLAIM_CHECK");

        update(-1);

        assertThat(indexes()).doesNotContainKey("IDX_JIT_DOMAIN_CLAIM_CHECK")
                .containsEntry("IDX_JIT_DOMAIN_CLAIM_DUE", List.of("STATE", "VERIFIED_BY_HAND", "LAST_CHECKED_AT"));
    }

    @Test
    void aTableOfAnEarlierBuildKeepsItsClaimsAndGetsTheColumnEmpty() throws Exception {
        update(1);
        sql("INSERT INTO JIT_DOMAIN_CLAIM (ID, REALM_ID, ORG_ID, DOMAIN_NAME, TOKEN, STATE, CREATED_AT, PENDING_SINCE)"
                + " VALUES ('c1', 'r1', 'o1', 'acme.com', 'token', 'pending', 1, 1)");

        update(-1);
        update(-1);

        assertThat(ranChangeSets()).containsExactly("jit-domain-claims-1:EXECUTED", "jit-domain-claims-2:EXECUTED",
                "jit-domain-claims-3:EXECUTED");
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT DOMAIN_NAME, CHECK_TAKEN_AT FROM JIT_DOMAIN_CLAIM")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("acme.com");
            assertThat(rs.getObject(2)).isNull();
            assertThat(rs.next()).isFalse();
        }
    }

    /** Applies the first {@code changeSets} change sets, all of them when negative. */
    private void update(int changeSets) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        @SuppressWarnings("deprecation")
        Liquibase liquibase = new Liquibase(JitDomainEntityProviderFactory.CHANGELOG, new ClassLoaderResourceAccessor(),
                database);
        if (changeSets < 0) {
            liquibase.update(new Contexts());
        } else {
            liquibase.update(changeSets, "");
        }
    }

    private List<String> nullableColumns() throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getColumns(null, null, "JIT_DOMAIN_CLAIM", null)) {
            while (rs.next()) {
                if ("YES".equals(rs.getString("IS_NULLABLE"))) {
                    columns.add(rs.getString("COLUMN_NAME"));
                }
            }
        }
        return columns;
    }

    /** The table's indexes and their columns in order. */
    private Map<String, List<String>> indexes() throws SQLException {
        Map<String, List<String>> indexes = new TreeMap<>();
        try (ResultSet rs = connection.getMetaData().getIndexInfo(null, null, "JIT_DOMAIN_CLAIM", false, false)) {
            while (rs.next()) {
                List<String> columns = indexes.computeIfAbsent(rs.getString("INDEX_NAME"), name -> new ArrayList<>());
                int position = rs.getInt("ORDINAL_POSITION");
                while (columns.size() < position) {
                    columns.add(null);
                }
                columns.set(position - 1, rs.getString("COLUMN_NAME"));
            }
        }
        return indexes;
    }

    private List<String> ranChangeSets() throws SQLException {
        List<String> ran = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT ID, EXECTYPE FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED")) {
            while (rs.next()) {
                ran.add(rs.getString(1) + ":" + rs.getString(2));
            }
        }
        return ran;
    }

    private void sql(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
