package io.github.jitprovisioning.persistence;

import liquibase.Contexts;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index changelog applied by Liquibase (the version Keycloak 26.7.3 ships) on H2 (the database of
 * {@code start-dev}), on a table shaped like Keycloak's {@code ORG_DOMAIN}: primary key {@code (ID, NAME)}, an index
 * on {@code ORG_ID}. The same changelog on PostgreSQL, through the real server: {@code OrgDomainIndexIT}.
 */
class OrgDomainIndexChangelogTest {

    private Connection connection;

    @BeforeEach
    void keycloakShapedTable() throws SQLException {
        connection = DriverManager.getConnection("jdbc:h2:mem:jit" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        sql("CREATE TABLE ORG_DOMAIN (ID VARCHAR(36) NOT NULL, NAME VARCHAR(255) NOT NULL, VERIFIED BOOLEAN NOT NULL,"
                + " ORG_ID VARCHAR(255) NOT NULL, CONSTRAINT ORG_DOMAIN_PKEY PRIMARY KEY (ID, NAME))");
        sql("CREATE INDEX IDX_ORG_DOMAIN_ORG_ID ON ORG_DOMAIN(ORG_ID)");
    }

    @AfterEach
    void close() throws SQLException {
        sql("SHUTDOWN");
        connection.close();
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
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        @SuppressWarnings("deprecation")
        Liquibase liquibase = new Liquibase(OrgDomainIndexProvider.CHANGELOG, new ClassLoaderResourceAccessor(), database);
        liquibase.update(new Contexts());
    }

    /** Names of the indexes of ORG_DOMAIN whose only column is NAME. */
    private List<String> indexesOnNameAlone() throws SQLException {
        Map<String, List<String>> columns = new TreeMap<>();
        try (ResultSet rs = connection.getMetaData().getIndexInfo(null, null, "ORG_DOMAIN", false, false)) {
            while (rs.next()) {
                if (rs.getString("INDEX_NAME") != null) {
                    columns.computeIfAbsent(rs.getString("INDEX_NAME"), n -> new ArrayList<>()).add(rs.getString("COLUMN_NAME"));
                }
            }
        }
        return columns.entrySet().stream().filter(e -> e.getValue().equals(List.of("NAME"))).map(Map.Entry::getKey).toList();
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
