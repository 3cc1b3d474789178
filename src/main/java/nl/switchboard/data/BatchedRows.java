package nl.switchboard.data;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows of one statement that no caller waits for, written together off the callers' threads at a
 * fixed interval: one commit for many instead of one each (a durable commit on H2 or PostgreSQL costs
 * far more than its row). A caller that finds the queue full writes what is pending itself, so the
 * rows waiting stay bounded. A batch the database refuses is said in the log and not retried: its
 * owner must be able to do without it. What is pending when the bus stops is written on {@link #close()}.
 */
public class BatchedRows implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchedRows.class);

    private final JdbcTemplate jdbc;
    private final String sql;
    private final String lostWhenRefused;
    private final BlockingQueue<Object[]> pending;
    private final ScheduledExecutorService writer;

    /**
     * @param name            the writer thread's name
     * @param lostWhenRefused what the log says a refused batch means to its owner
     */
    public BatchedRows(JdbcTemplate jdbc, String sql, Duration interval, int mostPending, String name,
                       String lostWhenRefused) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.lostWhenRefused = lostWhenRefused;
        this.pending = new LinkedBlockingQueue<>(mostPending);
        this.writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        writer.scheduleWithFixedDelay(this::writePendingQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Queues the row for the next batch. Never throws, so a caller that has done its real work (sent
     * a message, say) is not made to look as if it failed; a full queue is written here, quietly.
     */
    public void add(Object... row) {
        while (!pending.offer(row)) {
            writePendingQuietly();
        }
    }

    /** Writes every queued row in one batch now; throws what the database said. */
    public synchronized void writePending() {
        List<Object[]> rows = new ArrayList<>();
        pending.drainTo(rows);
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows);
        }
    }

    private void writePendingQuietly() {
        try {
            writePending();
        } catch (RuntimeException e) {
            LOG.warn("{}: {}", lostWhenRefused, e.getMessage());
        }
    }

    /** Stops the writer and writes what is pending; called before the database closes. */
    @Override
    public void close() {
        writer.shutdown();
        writePendingQuietly();
    }
}
