package nl.switchboard.data;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps the file of the embedded H2 database compact. H2 writes each commit as a new chunk and frees a
 * chunk only once none of its pages is live any more; moving the live pages out of sparse chunks and
 * giving back the file's tail is done by its background writer, which H2 does not run with
 * WRITE_DELAY=0 (h2database issue #442). The bus needs WRITE_DELAY=0, so that a commit is on file
 * before it returns. Without this the file grew to 6.3 GB in three minutes of bench/p4, 2 % of it live,
 * and every commit searched longer for free space. Here a thread of the bus does what that writer
 * would. Nothing is done on another database, nor on an H2 that runs its own writer.
 * <p>
 * H2 also keeps every replaced chunk for 45 s before it reuses the space (its retention time), in case
 * the operating system wrote the newer chunks later than the older ones' overwrite and the power
 * failed in between; at thousands of commits a second those 45 s of chunks alone are gigabytes. Each
 * round therefore ends with a sync of the file, so that a chunk replaced a few rounds ago is on disk,
 * and space is reused after {@link #RETENTION_ROUNDS} rounds instead.
 */
@Component
public class EmbeddedDatabaseCompaction {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseCompaction.class);

    /** H2's own: below this share of the file in chunks, chunks are moved to the front and the file cut. */
    private static final int FILE_FILL_RATE = 90;
    /**
     * Chunks whose live share is below this have their live pages rewritten while commits go on. With
     * H2's own 45 (a chunk that full costs nearly as much to copy as it frees) the flow of bench/p4 fell
     * from about 1650 to 1150 requests/s within five minutes; with 10 the file grew more than twice as
     * fast (1.8 GB in five minutes, against 0.77 GB with this).
     */
    private static final int BUSY_CHUNK_FILL_RATE = 25;
    /**
     * Once nothing was committed since the last round. H2's own 90 never came to rest after bench/p4:
     * each round rewrote the tree nodes the last one had written (the thread at 38 % of a core two
     * minutes after the load; h2database issue #933). At 50 a chunk costs at most what it frees.
     */
    private static final int IDLE_CHUNK_FILL_RATE = 50;
    /**
     * While commits go on, a round rewrites or moves at most this fraction (1/n) of H2's write buffer
     * (about 19 MB): a round holds the store's lock, for which every commit waits. With the whole
     * buffer the slowest request of bench/p1 at 300 req/s took 44-53 ms (in two of four runs) and the
     * flow of bench/p4 ran at 1420-1543 requests/s; with a sixteenth 12-24 ms and 1743-1873 requests/s,
     * the file about as large after five minutes of the flow (0.79 GB against 0.77).
     */
    private static final int BUSY_WRITE_SHARE = 16;
    /**
     * The same once nothing was committed since the last round: a request arriving then waits for the
     * round all the same. After 90 s of bench/p4, a PBX request every half second waited up to 128-195 ms
     * behind rounds of the whole buffer, up to 18-36 ms with a quarter; the file shrank as fast with
     * either (to about 50 MB within 40 s), not at all in those 40 s with a sixteenth: a round moves
     * only chunks smaller than its limit, and a busy round's rewrite leaves chunks a little larger than
     * its own limit (1.2-1.7 MB, by MVStoreTool), so this must stay well above the busy share.
     */
    private static final int IDLE_WRITE_SHARE = 4;
    /** Rounds, each ending with a sync, before the space of a replaced chunk may be written over. */
    private static final int RETENTION_ROUNDS = 10;

    private final DataSource dataSource;
    private final Duration interval;
    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "h2-compaction");
        thread.setDaemon(true);
        return thread;
    });
    private MVStore store;
    private long versionAfterLastRound = -1;

    public EmbeddedDatabaseCompaction(DataSource dataSource,
                                      @Value("${switchboard.database.compaction-interval}") Duration interval) {
        this.dataSource = dataSource;
        this.interval = interval;
        rounds.scheduleWithFixedDelay(this::round, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            // held between rounds, so that the sync does not wait for a connection the requests need
            if (store == null || store.isClosed()) {
                try (Connection connection = dataSource.getConnection()) {
                    store = storeWithoutWriter(connection).orElse(null);
                }
                if (store == null) {
                    LOG.info("The database is not an embedded H2 that writes at every commit: its file is left to it");
                    rounds.shutdown();
                    return;
                }
                store.getFileStore().setRetentionTime((int) interval.multipliedBy(RETENTION_ROUNDS).toMillis());
            }
            // every store of the file is a new version: none since the last round means nothing was committed
            boolean idle = store.getCurrentVersion() == versionAfterLastRound;
            compact(store, idle);
            versionAfterLastRound = store.getCurrentVersion();
        } catch (SQLException | RuntimeException e) {
            // the next round tries again; a database that is down is reported by the health check
            LOG.warn("Compacting the database file failed: {}", e.toString());
        }
    }

    /**
     * One round of H2's housekeeping: rewrite the live pages of sparse chunks, so that those can be
     * freed (only the sparsest while commits go on), and while a tenth of the file or more is free, move
     * chunks into the free space and cut the file. Then everything written so far goes to disk.
     */
    private static void compact(MVStore store, boolean idle) {
        FileStore<?> file = store.getFileStore();
        int write = store.getAutoCommitMemory() / (idle ? IDLE_WRITE_SHARE : BUSY_WRITE_SHARE);
        file.compact(idle ? IDLE_CHUNK_FILL_RATE : BUSY_CHUNK_FILL_RATE, write);
        // the rewritten pages are written now, not only with the next transaction's commit
        store.tryCommit();
        if (file instanceof RandomAccessStore randomAccess && randomAccess.getFillRate() < FILE_FILL_RATE) {
            randomAccess.compactMoveChunks(FILE_FILL_RATE, write, store);
        }
        file.sync();
    }

    /** The store of an embedded H2 file database that has no background writer of its own. */
    static Optional<MVStore> storeWithoutWriter(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return Optional.empty();
        }
        MVStore store = session.getDatabase().getStore().getMvStore();
        FileStore<?> file = store.getFileStore();
        return file != null && file.getAutoCommitDelay() == 0 ? Optional.of(store) : Optional.empty();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        rounds.shutdown();
        rounds.awaitTermination(30, TimeUnit.SECONDS);
    }
}
