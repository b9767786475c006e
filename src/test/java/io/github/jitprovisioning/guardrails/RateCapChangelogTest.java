package io.github.jitprovisioning.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jitprovisioning.testing.ChangelogDatabase;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rate cap's changelog applied by Liquibase (the version Keycloak 26.7.3 ships) on H2: one table, one row per
 * organization and hour (a second insert of the same window fails on the key), and the conditional increment that
 * never passes the cap. On PostgreSQL it runs through the real server in {@code it-postgres} and {@code it-cluster}.
 */
class RateCapChangelogTest {

    private ChangelogDatabase db;

    @BeforeEach
    void database() throws SQLException {
        db = new ChangelogDatabase("jitratecap");
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @Test
    void aFreshDatabaseGetsTheWindowTableKeyedByOrganizationAndHourAndIndexedByStart() throws Exception {
        db.update(RateCapEntityProviderFactory.CHANGELOG);

        assertThat(db.ranChangeSets()).containsExactly("jit-rate-cap-1:EXECUTED");
        assertThat(db.indexes("JIT_RATE_WINDOW")).containsEntry("IDX_JIT_RATE_WINDOW_START", List.of("WINDOW_START"));
        db.sql("INSERT INTO JIT_RATE_WINDOW (ID, REALM_ID, ORG_ID, WINDOW_START) VALUES ('o1/0', 'r1', 'o1', 0)");
        assertThatThrownBy(() -> db.sql("INSERT INTO JIT_RATE_WINDOW (ID, REALM_ID, ORG_ID, WINDOW_START)"
                + " VALUES ('o1/0', 'r1', 'o1', 0)")).isInstanceOf(SQLException.class);
    }

    @Test
    void theConditionalIncrementStopsAtTheCapAndCountsAgainAfterAResume() throws Exception {
        db.update(RateCapEntityProviderFactory.CHANGELOG);
        db.sql("INSERT INTO JIT_RATE_WINDOW (ID, REALM_ID, ORG_ID, WINDOW_START) VALUES ('o1/0', 'r1', 'o1', 0)");
        String take = "UPDATE JIT_RATE_WINDOW SET PROVISIONED = PROVISIONED + 1 WHERE ID = 'o1/0'"
                + " AND PROVISIONED - RESUMED_AT < 2";

        assertThat(List.of(update(take), update(take), update(take))).containsExactly(1, 1, 0);
        update("UPDATE JIT_RATE_WINDOW SET RESUMED_AT = PROVISIONED WHERE ID = 'o1/0'");
        assertThat(List.of(update(take), update(take), update(take))).containsExactly(1, 1, 0);
    }

    private int update(String sql) throws SQLException {
        try (var statement = db.connection().createStatement()) {
            return statement.executeUpdate(sql);
        }
    }
}
