package nl.switchboard.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import nl.switchboard.support.BusTest;
import nl.switchboard.support.TestDatabases;

/**
 * The identity columns of the embedded H2 database cache their values, so that numbering rows costs
 * no commits of its own; PostgreSQL's are left as the migrations made them.
 */
class EmbeddedIdentityCacheTest {

    private static final int ROWS = 500;
    private static final String TRACE_INSERT = "INSERT INTO bus.event_trace (event_id, queue, route_id, outcome, at) "
            + "VALUES (?, 'calls.agentstatus', 'calls-to-agent-status', 'processed', CURRENT_TIMESTAMP)";

    private final Path dataDir = BusTest.freshDataDir().toAbsolutePath();

    @Test
    void numberingRowsNoLongerCommitsEvery32Values() throws SQLException {
        DataSource dataSource = h2();
        new SchemaMigrations(dataSource, false).migrate();
        try (Connection connection = dataSource.getConnection()) {
            // H2's own cache of 32: a commit, and with WRITE_DELAY=0 a chunk written, every 32 rows
            assertThat(commitsFor(ROWS, connection)).isGreaterThanOrEqualTo(ROWS / 32);

            new EmbeddedIdentityCache(dataSource).widen();

            // the transaction's own, and at most one recording how far the widened cache reaches
            assertThat(commitsFor(ROWS, connection)).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void everyIdentityColumnOfTheBusIsWidenedOnce() throws SQLException {
        DataSource dataSource = h2();
        new SchemaMigrations(dataSource, true).migrate();
        EmbeddedIdentityCache cache = new EmbeddedIdentityCache(dataSource);
        cache.widen();
        cache.widen();

        List<Long> caches = new JdbcTemplate(dataSource).queryForList("SELECT identity_cache FROM information_schema.columns "
                + "WHERE is_identity = 'YES' AND table_schema IN ('bus', 'allegro', 'soferu')", Long.class);
        assertThat(caches).hasSizeGreaterThanOrEqualTo(12).containsOnly(EmbeddedIdentityCache.CACHE);
    }

    @Test
    void aValueCachedWhenTheDatabaseStopsIsNeverHandedOutAgain() throws SQLException {
        DataSource dataSource = h2();
        new SchemaMigrations(dataSource, false).migrate();
        new EmbeddedIdentityCache(dataSource).widen();
        long before;
        try (Connection open = dataSource.getConnection()) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(open, true));
            insertTraces(jdbc, 3);
            before = jdbc.queryForObject("SELECT max(id) FROM bus.event_trace", Long.class);
            // as a killed bus: the database closed without writing anything more
            jdbc.execute("SHUTDOWN IMMEDIATELY");
        }

        JdbcTemplate reopened = new JdbcTemplate(h2());
        insertTraces(reopened, 1);
        assertThat(reopened.queryForObject("SELECT max(id) FROM bus.event_trace", Long.class)).isGreaterThan(before);
        assertThat(reopened.queryForObject("SELECT count(DISTINCT id) FROM bus.event_trace", Integer.class)).isEqualTo(4);
    }

    @Test
    void postgresqlKeepsItsSequencesAsTheyAre() throws SQLException {
        DataSource dataSource = TestDatabases.migrated("postgresql", false);

        new EmbeddedIdentityCache(dataSource).widen();

        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM pg_sequences "
                + "WHERE schemaname IN ('bus', 'allegro', 'soferu') AND cache_size <> 1", Integer.class)).isZero();
    }

    /** How many times the store of the database wrote while ROWS trace rows were inserted in one transaction. */
    private static long commitsFor(int rows, Connection connection) throws SQLException {
        MVStore store = EmbeddedDatabaseCompaction.storeWithoutWriter(connection).orElseThrow();
        long before = store.getCurrentVersion();
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(TRACE_INSERT)) {
            for (int row = 0; row < rows; row++) {
                insert.setString(1, "event-" + row);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        connection.commit();
        connection.setAutoCommit(true);
        return store.getCurrentVersion() - before;
    }

    private static void insertTraces(JdbcTemplate jdbc, int rows) {
        for (int row = 0; row < rows; row++) {
            jdbc.update(TRACE_INSERT, "event-" + row);
        }
    }

    /** The embedded database as the bus opens it: each commit written before it returns. */
    private DataSource h2() {
        return new DriverManagerDataSource("jdbc:h2:file:" + dataDir + "/db" + TestDatabases.H2_AS_POSTGRESQL
                + ";WRITE_DELAY=0", "sa", "");
    }
}
