package io.github.jitprovisioning.testing;

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

/**
 * An in-memory H2 database for the unit tests of the extension's Liquibase changelogs (Liquibase as Keycloak 26.7.3
 * ships it): apply a changelog, run SQL, and read back the indexes and the change sets that ran.
 */
public final class ChangelogDatabase implements AutoCloseable {

    private final Connection connection;

    public ChangelogDatabase(String name) throws SQLException {
        connection = DriverManager.getConnection("jdbc:h2:mem:" + name + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    }

    public Connection connection() {
        return connection;
    }

    /** Applies every change set of {@code changelog}. */
    public void update(String changelog) throws Exception {
        liquibase(changelog).update(new Contexts());
    }

    /** Applies the first {@code changeSets} change sets of {@code changelog}. */
    public void update(String changelog, int changeSets) throws Exception {
        liquibase(changelog).update(changeSets, "");
    }

    public void sql(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The change sets that ran, in order, as {@code id:EXECTYPE}. */
    public List<String> ranChangeSets() throws SQLException {
        List<String> ran = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT ID, EXECTYPE FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED")) {
            while (rs.next()) {
                ran.add(rs.getString(1) + ":" + rs.getString(2));
            }
        }
        return ran;
    }

    /** The table's indexes by name, each with its columns in order. */
    public Map<String, List<String>> indexes(String table) throws SQLException {
        Map<String, List<String>> indexes = new TreeMap<>();
        try (ResultSet rs = connection.getMetaData().getIndexInfo(null, null, table, false, false)) {
            while (rs.next()) {
                if (rs.getString("INDEX_NAME") == null) {
                    continue;
                }
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

    @Override
    public void close() throws SQLException {
        sql("SHUTDOWN");
        connection.close();
    }

    private Liquibase liquibase(String changelog) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        @SuppressWarnings("deprecation")
        Liquibase liquibase = new Liquibase(changelog, new ClassLoaderResourceAccessor(), database);
        return liquibase;
    }
}
