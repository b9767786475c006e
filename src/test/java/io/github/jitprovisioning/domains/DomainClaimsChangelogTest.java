package io.github.jitprovisioning.domains;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jitprovisioning.testing.ChangelogDatabase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The claims changelog applied by Liquibase (the version Keycloak 26.7.3 ships) on H2, fresh and over a table that an
 * earlier build created with the first change sets only. On PostgreSQL it runs through the real server in the
 * {@code it-postgres} and {@code it-cluster} runs.
 */
class DomainClaimsChangelogTest {

    private ChangelogDatabase db;

    @BeforeEach
    void database() throws SQLException {
        db = new ChangelogDatabase("jitclaims");
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
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
        try (Statement statement = db.connection().createStatement();
             ResultSet rs = statement.executeQuery("SELECT DOMAIN_NAME, CHECK_TAKEN_AT FROM JIT_DOMAIN_CLAIM")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("acme.com");
            assertThat(rs.getObject(2)).isNull();
            assertThat(rs.next()).isFalse();
        }
    }

    /** Applies the first {@code changeSets} change sets, all of them when negative. */
    private void update(int changeSets) throws Exception {
        if (changeSets < 0) {
            db.update(JitDomainEntityProviderFactory.CHANGELOG);
        } else {
            db.update(JitDomainEntityProviderFactory.CHANGELOG, changeSets);
        }
    }

    private List<String> nullableColumns() throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = db.connection().getMetaData().getColumns(null, null, "JIT_DOMAIN_CLAIM", null)) {
            while (rs.next()) {
                if ("YES".equals(rs.getString("IS_NULLABLE"))) {
                    columns.add(rs.getString("COLUMN_NAME"));
                }
            }
        }
        return columns;
    }

    private Map<String, List<String>> indexes() throws SQLException {
        return db.indexes("JIT_DOMAIN_CLAIM");
    }

    private List<String> ranChangeSets() throws SQLException {
        return db.ranChangeSets();
    }

    private void sql(String sql) throws SQLException {
        db.sql(sql);
    }
}
