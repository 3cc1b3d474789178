package nl.switchboard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import nl.switchboard.support.BusTest;

/**
 * The embedded H2 file under commits that each write a chunk of their own, as the bus's do
 * (WRITE_DELAY=0). Without the compaction such a file grows by tens of kilobytes a commit, however
 * small the rows: this test's 40,000 commits of 3 MB of rows made it 877 MB, and it stayed so. With
 * it the file holds what is live plus the chunks written within the retention time (124 MB at the
 * most here), and shrinks to what is live once the writes stop.
 */
class EmbeddedDatabaseCompactionTest {

    private static final int COMMITS = 20_000;
    private static final long MB = 1024 * 1024;

    private final Path dataDir = BusTest.freshDataDir().toAbsolutePath();
    private EmbeddedDatabaseCompaction compaction;

    @AfterEach
    void stop() throws InterruptedException {
        if (compaction != null) {
            compaction.stop();
        }
    }

    @Test
    void fileStaysNearWhatIsLiveAndShrinksWhenTheWritesStop() throws Exception {
        DriverManagerDataSource dataSource = h2("db", "WRITE_DELAY=0");
        compaction = new EmbeddedDatabaseCompaction(dataSource, Duration.ofMillis(50));
        long largest = 0;
        try (Connection writer = dataSource.getConnection()) {
            writer.createStatement().execute("CREATE TABLE call_row (id INT PRIMARY KEY, caller VARCHAR(36), note VARCHAR(100))");
            writer.createStatement().execute("CREATE INDEX call_row_caller ON call_row (caller)");
            writer.createStatement().execute("CREATE TABLE counter (id INT PRIMARY KEY, n INT)");
            writer.createStatement().execute("INSERT INTO counter VALUES (1, 0)");
            PreparedStatement insert = writer.prepareStatement("INSERT INTO call_row VALUES (?, ?, ?)");
            PreparedStatement count = writer.prepareStatement("UPDATE counter SET n = n + 1 WHERE id = 1");
            for (int id = 1; id <= COMMITS; id++) {
                insert.setInt(1, id);
                insert.setString(2, UUID.randomUUID().toString());
                insert.setString(3, "a row of about the size of a call record");
                insert.executeUpdate();
                count.executeUpdate();
                if (id % 1000 == 0) {
                    largest = Math.max(largest, fileSize());
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> fileSize() < 8 * MB);
            // and then it rests: no more rounds that rewrite what the last one wrote
            MVStore store = EmbeddedDatabaseCompaction.storeWithoutWriter(writer).orElseThrow();
            AtomicLong lastVersion = new AtomicLong(-1);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> lastVersion.getAndSet(store.getCurrentVersion()) == store.getCurrentVersion());
        }
        compaction.stop();

        JdbcTemplate reopened = new JdbcTemplate(h2("db", "WRITE_DELAY=0"));
        assertThat(reopened.queryForObject("SELECT count(*) FROM call_row", Integer.class)).isEqualTo(COMMITS);
        assertThat(reopened.queryForObject("SELECT n FROM counter", Integer.class)).isEqualTo(COMMITS);
        // a faster machine writes more within the retention time; 877 MB is what stays without compaction
        assertThat(largest).isLessThan(400 * MB);
    }

    @Test
    void leavesAnH2WithItsOwnBackgroundWriterAlone() throws SQLException {
        try (Connection ownWriter = h2("own-writer", "WRITE_DELAY=500").getConnection();
             Connection inMemory = new DriverManagerDataSource("jdbc:h2:mem:compaction", "sa", "").getConnection();
             Connection withoutWriter = h2("db", "WRITE_DELAY=0").getConnection()) {
            assertThat(EmbeddedDatabaseCompaction.storeWithoutWriter(ownWriter)).isEmpty();
            assertThat(EmbeddedDatabaseCompaction.storeWithoutWriter(inMemory)).isEmpty();
            assertThat(EmbeddedDatabaseCompaction.storeWithoutWriter(withoutWriter)).isPresent();
        }
    }

    private DriverManagerDataSource h2(String name, String writeDelay) {
        return new DriverManagerDataSource("jdbc:h2:file:" + dataDir + "/" + name + ";" + writeDelay, "sa", "");
    }

    private long fileSize() throws IOException {
        return Files.size(dataDir.resolve("db.mv.db"));
    }
}
