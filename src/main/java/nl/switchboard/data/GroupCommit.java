package nl.switchboard.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the rows of many request threads in one transaction. A durable commit (H2 with WRITE_DELAY=0,
 * PostgreSQL's WAL flush) costs far more than the row it holds, and a request that is answered only
 * once its row is durable would otherwise pay one commit each: here it waits for the commit that holds
 * its row, and whoever arrives while a commit is under way goes into the next one. There is no thread
 * of its own: the first waiting caller writes the group (as LevelDB's writers do), so a lone request
 * pays no hand-off and no delay. A row that fails its group is written again on its own, so one bad row fails only
 * its own caller.
 */
@Component
public class GroupCommit {

    /** Bounds a transaction while a backlog drains, so no caller waits behind an unbounded group. */
    private static final int MAX_ROWS = 256;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final DistributionSummary groupSizes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition groupWritten = lock.newCondition();
    private final ArrayDeque<Row> waiting = new ArrayDeque<>();
    private boolean writing;

    public GroupCommit(JdbcTemplate jdbc, PlatformTransactionManager transactions, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.groupSizes = DistributionSummary.builder("switchboard.database.group.commit")
                .description("Rows written per commit by the group commit of request records")
                .baseUnit("rows")
                .register(meters);
    }

    /**
     * Runs the insert (or update) and returns once it is committed; throws what the database said
     * when it could not be.
     */
    public void write(String sql, Object... arguments) {
        Row row = new Row(sql, arguments);
        lock.lock();
        try {
            waiting.add(row);
            while (!row.done) {
                if (writing) {
                    groupWritten.awaitUninterruptibly();
                    continue;
                }
                writing = true;
                // Lets the request threads that are runnable reach this group before it closes: on two
                // cores under load, 9 rows a commit instead of 2 (bench/p1); free when nobody else runs.
                lock.unlock();
                Thread.yield();
                lock.lock();
                List<Row> group = takeGroup();
                lock.unlock();
                try {
                    commit(group);
                } finally {
                    lock.lock();
                    writing = false;
                    groupWritten.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
        if (row.failure != null) {
            throw row.failure;
        }
    }

    private List<Row> takeGroup() {
        List<Row> group = new ArrayList<>(Math.min(waiting.size(), MAX_ROWS));
        while (!waiting.isEmpty() && group.size() < MAX_ROWS) {
            group.add(waiting.poll());
        }
        return group;
    }

    /** Called without the lock; the callers see the outcome after the lock is taken again. */
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
            group.forEach(row -> row.done = true);
        } catch (RuntimeException groupFailure) {
            if (group.size() == 1) {
                group.get(0).failed(groupFailure);
            } else {
                group.forEach(this::commitAlone);
            }
        }
    }

    private void commitAlone(Row row) {
        try {
            transaction.executeWithoutResult(status -> jdbc.update(row.sql, row.arguments));
            row.done = true;
        } catch (RuntimeException failure) {
            row.failed(failure);
        }
    }

    private static final class Row {
        private final String sql;
        private final Object[] arguments;
        private boolean done;
        private RuntimeException failure;

        private Row(String sql, Object[] arguments) {
            this.sql = sql;
            this.arguments = arguments;
        }

        private void failed(RuntimeException failure) {
            this.failure = failure;
            this.done = true;
        }
    }
}
