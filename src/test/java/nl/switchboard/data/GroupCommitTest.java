package nl.switchboard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import nl.switchboard.support.TestDatabases;

/**
 * The group commit on both databases. The first commit is held (its connection is not handed out)
 * until the test releases it, so which rows share a commit is certain, not timing.
 */
class GroupCommitTest {

    private static final String INSERT = "INSERT INTO group_commit_row (id, note) VALUES (?, ?)";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CountDownLatch connectionAsked = new CountDownLatch(1);
    private final CountDownLatch connectionGiven = new CountDownLatch(1);
    private JdbcTemplate jdbc;
    private GroupCommit groupCommit;

    @AfterEach
    void close() throws InterruptedException {
        connectionGiven.countDown();
        // null when the test was skipped before it started: no PostgreSQL server outside CI
        if (groupCommit != null) {
            groupCommit.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void rowsQueuedDuringACommitShareTheNextOne(String database) throws Exception {
        start(database);
        CompletableFuture<Void> first = submitFirstAndHoldItsCommit();
        List<CompletableFuture<Void>> next = new ArrayList<>();
        for (int id = 2; id <= 8; id++) {
            next.add(groupCommit.submit(INSERT, id, "next"));
        }

        connectionGiven.countDown();
        first.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(next.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM group_commit_row", Integer.class)).isEqualTo(8);
        DistributionSummary commits = meters.get("switchboard.database.group.commit").summary();
        assertThat(commits.count()).isEqualTo(2);
        assertThat(commits.max()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void aRowTheDatabaseRefusesFailsOnlyItsOwnCaller(String database) throws Exception {
        start(database);
        CompletableFuture<Void> first = submitFirstAndHoldItsCommit();
        CompletableFuture<Void> before = groupCommit.submit(INSERT, 2, "before");
        CompletableFuture<Void> refused = groupCommit.submit(INSERT, 2, "same id");
        CompletableFuture<Void> after = groupCommit.submit(INSERT, 3, "after");

        connectionGiven.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(DataIntegrityViolationException.class);
        before.get(10, TimeUnit.SECONDS);
        after.get(10, TimeUnit.SECONDS);

        assertThat(jdbc.queryForList("SELECT note FROM group_commit_row ORDER BY id", String.class))
                .containsExactly("first", "before", "after");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void aCallerGetsWhatTheDatabaseSaid(String database) {
        start(database);
        connectionGiven.countDown();
        groupCommit.write(INSERT, 1, "once");

        assertThatThrownBy(() -> groupCommit.write(INSERT, 1, "twice"))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(jdbc.queryForList("SELECT note FROM group_commit_row", String.class)).containsExactly("once");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void aCallerThatStopsWaitingLeavesItsRowToBeWritten(String database) throws Exception {
        start(database);
        CompletableFuture<Void> held = groupCommit.submit(INSERT, 1, "held");

        assertThatThrownBy(() -> held.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        connectionGiven.countDown();
        held.get(10, TimeUnit.SECONDS);

        assertThat(jdbc.queryForList("SELECT note FROM group_commit_row", String.class)).containsExactly("held");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void closingWritesWhatWasQueuedAndRefusesTheRest(String database) throws Exception {
        start(database);
        CompletableFuture<Void> first = submitFirstAndHoldItsCommit();
        CompletableFuture<Void> queued = groupCommit.submit(INSERT, 2, "queued");

        Thread closer = new Thread(() -> {
            try {
                groupCommit.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        closer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> closer.getState() == Thread.State.TIMED_WAITING);
        CompletableFuture<Void> refused = groupCommit.submit(INSERT, 3, "refused");
        assertThat(refused).isCompletedExceptionally();
        connectionGiven.countDown();
        closer.join(10_000);

        assertThat(first).isCompleted();
        assertThat(queued).isCompleted();
        assertThatThrownBy(() -> groupCommit.write(INSERT, 4, "late")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stopping");
        assertThat(jdbc.queryForList("SELECT note FROM group_commit_row ORDER BY id", String.class))
                .containsExactly("first", "queued");
    }

    /** Row 1 "first", whose commit the writer is inside, held, when this returns. */
    private CompletableFuture<Void> submitFirstAndHoldItsCommit() throws InterruptedException {
        CompletableFuture<Void> first = groupCommit.submit(INSERT, 1, "first");
        assertThat(connectionAsked.await(10, TimeUnit.SECONDS)).isTrue();
        return first;
    }

    private void start(String database) {
        DataSource dataSource = TestDatabases.fresh(database);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("DROP TABLE IF EXISTS group_commit_row");
        jdbc.execute("CREATE TABLE group_commit_row (id INTEGER PRIMARY KEY, note VARCHAR(20))");
        DataSource heldAtFirst = new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                connectionAsked.countDown();
                try {
                    connectionGiven.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException(e);
                }
                return super.getConnection();
            }
        };
        groupCommit = new GroupCommit(new JdbcTemplate(heldAtFirst), new DataSourceTransactionManager(heldAtFirst), meters);
    }
}
