package nl.switchboard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

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
 * The group commit on both databases. The first writer is held inside its commit (its connection is
 * not handed out yet) until the others wait, so which rows share a commit is certain, not timing.
 */
class GroupCommitTest {

    private static final String INSERT = "INSERT INTO group_commit_row (id, note) VALUES (?, ?)";

    private final ExecutorService writers = Executors.newCachedThreadPool();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CountDownLatch firstConnection = new CountDownLatch(1);
    private JdbcTemplate jdbc;
    private GroupCommit groupCommit;

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void writersThatArriveDuringACommitShareTheNextOne(String database) throws Exception {
        start(database);
        List<Thread> waiting = new ArrayList<>();
        CompletableFuture<Void> first = write(1, "first", waiting);
        awaitWaiting(waiting, 1);
        List<CompletableFuture<Void>> next = new ArrayList<>();
        for (int id = 2; id <= 8; id++) {
            next.add(write(id, "next", waiting));
        }
        awaitWaiting(waiting, 8);

        firstConnection.countDown();
        first.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(next.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM group_commit_row", Integer.class)).isEqualTo(8);
        DistributionSummary commits = meters.get("switchboard.database.group.commit").summary();
        assertThat(commits.count()).isEqualTo(2);
        assertThat(commits.max()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void aRowTheDatabaseRefusesFailsOnlyItsOwnWriter(String database) throws Exception {
        start(database);
        List<Thread> waiting = new ArrayList<>();
        CompletableFuture<Void> first = write(1, "first", waiting);
        awaitWaiting(waiting, 1);
        // one at a time, so the group holds them in this order
        CompletableFuture<Void> before = write(2, "before", waiting);
        awaitWaiting(waiting, 2);
        CompletableFuture<Void> refused = write(2, "same id", waiting);
        awaitWaiting(waiting, 3);
        CompletableFuture<Void> after = write(3, "after", waiting);
        awaitWaiting(waiting, 4);

        firstConnection.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(DataIntegrityViolationException.class);
        before.get(10, TimeUnit.SECONDS);
        after.get(10, TimeUnit.SECONDS);

        assertThat(jdbc.queryForList("SELECT note FROM group_commit_row ORDER BY id", String.class))
                .containsExactly("first", "before", "after");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void aLoneWriterGetsWhatTheDatabaseSaid(String database) {
        start(database);
        firstConnection.countDown();
        groupCommit.write(INSERT, 1, "once");

        assertThatThrownBy(() -> groupCommit.write(INSERT, 1, "twice"))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(jdbc.queryForList("SELECT note FROM group_commit_row", String.class)).containsExactly("once");
    }

    private void start(String database) {
        DataSource dataSource = TestDatabases.fresh(database);
        new JdbcTemplate(dataSource).execute("DROP TABLE IF EXISTS group_commit_row");
        new JdbcTemplate(dataSource).execute("CREATE TABLE group_commit_row (id INTEGER PRIMARY KEY, note VARCHAR(20))");
        DataSource heldAtFirst = new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                try {
                    firstConnection.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException(e);
                }
                return super.getConnection();
            }
        };
        jdbc = new JdbcTemplate(dataSource);
        groupCommit = new GroupCommit(new JdbcTemplate(heldAtFirst), new DataSourceTransactionManager(heldAtFirst), meters);
    }

    /** Writes on a thread of its own, which it adds to {@code threads}. */
    private CompletableFuture<Void> write(int id, String note, List<Thread> threads) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        writers.execute(() -> {
            synchronized (threads) {
                threads.add(Thread.currentThread());
            }
            try {
                groupCommit.write(INSERT, id, note);
                written.complete(null);
            } catch (RuntimeException e) {
                written.completeExceptionally(e);
            }
        });
        return written;
    }

    /** Until this many writers are parked: the first on its connection, the others on the commit. */
    private static void awaitWaiting(List<Thread> threads, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            synchronized (threads) {
                if (threads.size() == count && threads.stream().allMatch(thread -> thread.getState() == Thread.State.WAITING)) {
                    return;
                }
            }
            assertThat(Instant.now()).as("writers waiting").isBefore(deadline);
            Thread.sleep(5);
        }
    }
}
