package nl.switchboard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.support.TestDatabases;

/**
 * The batched rows on both databases. Except where the interval itself is tested, the writer's
 * interval is an hour, so what is written when follows from the test's own calls, not from timing.
 */
class BatchedRowsTest {

    private static final String INSERT = "INSERT INTO batched_row (id, note) VALUES (?, ?)";
    private static final Duration NEVER = Duration.ofHours(1);

    private JdbcTemplate jdbc;
    private BatchedRows rows;

    @AfterEach
    void close() {
        // null when the test was skipped before it started: no PostgreSQL server outside CI
        if (rows != null) {
            rows.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void rowsAreWrittenByTheWriterWithinTheInterval(String database) {
        start(database, Duration.ofMillis(50), 100);
        rows.add(1, "one");
        rows.add(2, "two");

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(notes()).containsExactly("one", "two"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void aCallerWritesNothingUntilTheQueueIsFullThenWritesItItself(String database) {
        start(database, NEVER, 2);
        rows.add(1, "one");
        rows.add(2, "two");
        assertThat(notes()).isEmpty();

        rows.add(3, "three");

        assertThat(notes()).containsExactly("one", "two");
        rows.writePending();
        assertThat(notes()).containsExactly("one", "two", "three");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void closingWritesWhatIsPending(String database) {
        start(database, NEVER, 100);
        rows.add(1, "one");

        rows.close();

        assertThat(notes()).containsExactly("one");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void aRefusedBatchIsNotRetried(String database) {
        start(database, NEVER, 100);
        addARowTheDatabaseRefuses();

        assertThatThrownBy(rows::writePending).isInstanceOf(DataIntegrityViolationException.class);
        rows.add(2, "after");
        rows.writePending();

        assertThat(notes()).containsExactly("there", "after");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void aCallerThatFindsTheQueueFullIsNotFailedByARefusal(String database) {
        start(database, NEVER, 1);
        addARowTheDatabaseRefuses();

        rows.add(2, "after");
        rows.writePending();

        assertThat(notes()).containsExactly("there", "after");
    }

    private void start(String database, Duration interval, int mostPending) {
        jdbc = new JdbcTemplate(TestDatabases.fresh(database));
        jdbc.execute("DROP TABLE IF EXISTS batched_row");
        jdbc.execute("CREATE TABLE batched_row (id INTEGER PRIMARY KEY, note VARCHAR(20))");
        rows = new BatchedRows(jdbc, INSERT, interval, mostPending, "batched-rows-test", "Test rows not written");
    }

    /** Row 1 "there" written, and a row with the same id queued. */
    private void addARowTheDatabaseRefuses() {
        jdbc.update(INSERT, 1, "there");
        rows.add(1, "same id");
    }

    private List<String> notes() {
        return jdbc.queryForList("SELECT note FROM batched_row ORDER BY id", String.class);
    }
}
