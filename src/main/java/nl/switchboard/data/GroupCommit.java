package nl.switchboard.data;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the rows of many request threads in one transaction. A durable commit (H2 with WRITE_DELAY=0,
 * PostgreSQL's WAL flush) costs far more than the row it holds, and a request that is answered only
 * once its row is durable would otherwise pay one commit each. Here one thread writes: it takes every
 * row waiting, commits them together, and the rows that arrive meanwhile go into the next commit. A
 * caller waits for the commit that holds its row, as long as it can afford: the database is never
 * touched on the caller's thread, so a caller with a budget (a PBX with a caller on the line) is not
 * held by a database that hangs. A row that fails its group is written again on its own, so one bad
 * row fails only its own caller.
 */
@Component
public class GroupCommit {

    /** Bounds a transaction while a backlog drains, so no caller waits behind an unbounded group. */
    private static final int MAX_ROWS = 256;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Queued by {@link #close()}: the writer ends after the rows before it. */
    private static final Row END = new Row("", new Object[0]);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final DistributionSummary groupSizes;
    private final BlockingQueue<Row> waiting = new LinkedBlockingQueue<>();
    private final Thread writer = new Thread(this::writeGroups, "group-commit");
    private volatile boolean closing;

    public GroupCommit(JdbcTemplate jdbc, PlatformTransactionManager transactions, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.groupSizes = DistributionSummary.builder("switchboard.database.group.commit")
                .description("Rows written per commit by the group commit of request records")
                .baseUnit("rows")
                .register(meters);
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Runs the insert (or update) and returns once it is committed; throws what the database said
     * when it could not be.
     */
    public void write(String sql, Object... arguments) {
        try {
            submit(sql, arguments).join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    /**
     * Queues the insert (or update) for the next commit; the future completes when it is committed, or
     * exceptionally with what the database said. A caller that stops waiting leaves the row queued.
     */
    public CompletableFuture<Void> submit(String sql, Object... arguments) {
        Row row = new Row(sql, arguments);
        if (closing) {
            row.written.completeExceptionally(new IllegalStateException("The bus is stopping: nothing more is written"));
            return row.written;
        }
        waiting.add(row);
        return row.written;
    }

    /** Writes what was queued before the bus stops; the database closes after this bean. */
    @PreDestroy
    void close() throws InterruptedException {
        if (closing) {
            return;
        }
        closing = true;
        waiting.add(END);
        writer.join(CLOSE_TIMEOUT.toMillis());
        Row late;
        while ((late = waiting.poll()) != null) {
            late.written.completeExceptionally(new IllegalStateException("The bus stopped before this was written"));
        }
    }

    private void writeGroups() {
        List<Row> group = new ArrayList<>();
        while (true) {
            try {
                group.add(waiting.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            waiting.drainTo(group, MAX_ROWS - 1);
            boolean end = group.removeIf(row -> row == END);
            if (!group.isEmpty()) {
                commit(group);
            }
            if (end) {
                return;
            }
            group.clear();
        }
    }

    private void commit(List<Row> group) {
        groupSizes.record(group.size());
        try {
            transaction.executeWithoutResult(status -> {
                Map<String, List<Object[]>> byStatement = new LinkedHashMap<>();
                for (Row row : group) {
                    byStatement.computeIfAbsent(row.sql, sql -> new ArrayList<>()).add(row.arguments);
                }
                byStatement.forEach(jdbc::batchUpdate);
            });
            group.forEach(row -> row.written.complete(null));
        } catch (RuntimeException groupFailure) {
            if (group.size() == 1) {
                group.get(0).written.completeExceptionally(groupFailure);
            } else {
                group.forEach(this::commitAlone);
            }
        }
    }

    private void commitAlone(Row row) {
        try {
            transaction.executeWithoutResult(status -> jdbc.update(row.sql, row.arguments));
            row.written.complete(null);
        } catch (RuntimeException failure) {
            row.written.completeExceptionally(failure);
        }
    }

    private record Row(String sql, Object[] arguments, CompletableFuture<Void> written) {

        private Row(String sql, Object[] arguments) {
            this(sql, arguments, new CompletableFuture<>());
        }
    }
}
