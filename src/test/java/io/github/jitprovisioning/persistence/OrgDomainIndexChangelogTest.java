package io.github.jitprovisioning.persistence;

import io.github.jitprovisioning.testing.ChangelogDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index changelog applied by Liquibase (the version Keycloak 26.7.3 ships) on H2 (the database of
 * {@code start-dev}), on a table shaped like Keycloak's {@code ORG_DOMAIN}: primary key {@code (ID, NAME)}, an index
 * on {@code ORG_ID}. The same changelog on PostgreSQL, through the real server: {@code OrgDomainIndexIT}.
 */
class OrgDomainIndexChangelogTest {

    private ChangelogDatabase db;

    @BeforeEach
    void keycloakShapedTable() throws SQLException {
        db = new ChangelogDatabase("jit");
        sql("CREATE TABLE ORG_DOMAIN (ID VARCHAR(36) NOT NULL, NAME VARCHAR(255) NOT NULL, VERIFIED BOOLEAN NOT NULL,"
                + " ORG_ID VARCHAR(255) NOT NULL, CONSTRAINT ORG_DOMAIN_PKEY PRIMARY KEY (ID, NAME))");
        sql("CREATE INDEX IDX_ORG_DOMAIN_ORG_ID ON ORG_DOMAIN(ORG_ID)");
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @Test
    void createsAnIndexOnTheDomainNameAloneWhenOnlyThePrimaryKeyContainsIt() throws Exception {
        update();

        assertThat(indexesOnNameAlone()).containsExactly("IDX_JIT_ORG_DOMAIN_NAME");
    }

    @Test
    void runningTwiceChangesNothing() throws Exception {
        update();
        update();

        assertThat(indexesOnNameAlone()).containsExactly("IDX_JIT_ORG_DOMAIN_NAME");
        assertThat(ranChangeSets()).containsExactly("jit-1.1.0-org-domain-name-index:EXECUTED");
    }

    @Test
    void aForgottenRecordDoesNotCreateASecondIndex() throws Exception {
        update();
        sql("DROP TABLE DATABASECHANGELOG");

        update();

        assertThat(indexesOnNameAlone()).containsExactly("IDX_JIT_ORG_DOMAIN_NAME");
        assertThat(ranChangeSets()).containsExactly("jit-1.1.0-org-domain-name-index:MARK_RAN");
    }

    @Test
    void anExistingIndexOnTheDomainNameUnderAnotherNameIsKeptAndNoSecondOneIsAdded() throws Exception {
        sql("CREATE INDEX SOMEONES_ORG_DOMAIN_NAME ON ORG_DOMAIN(NAME)");

        update();

        assertThat(indexesOnNameAlone()).containsExactly("SOMEONES_ORG_DOMAIN_NAME");
        assertThat(ranChangeSets()).containsExactly("jit-1.1.0-org-domain-name-index:MARK_RAN");
    }

    @Test
    void droppingTheIndexAfterwardsKeepsItDropped() throws Exception {
        update();
        sql("DROP INDEX IDX_JIT_ORG_DOMAIN_NAME");

        update();

        assertThat(indexesOnNameAlone()).isEmpty();
    }

    private void update() throws Exception {
        db.update(OrgDomainIndexProvider.CHANGELOG);
    }

    /** Names of the indexes of ORG_DOMAIN whose only column is NAME. */
    private List<String> indexesOnNameAlone() throws SQLException {
        return db.indexes("ORG_DOMAIN").entrySet().stream().filter(e -> e.getValue().equals(List.of("NAME")))
                .map(Map.Entry::getKey).toList();
    }

    private List<String> ranChangeSets() throws SQLException {
        return db.ranChangeSets();
    }

    private void sql(String sql) throws SQLException {
        db.sql(sql);
    }
}
