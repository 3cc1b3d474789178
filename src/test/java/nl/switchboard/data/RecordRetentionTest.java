package nl.switchboard.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.support.TestDatabases;

/** The bus's records past the retention period, on both databases the bus supports. */
class RecordRetentionTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final OffsetDateTime OLD = NOW.atOffset(ZoneOffset.UTC).minusDays(31);
    private static final OffsetDateTime YOUNG = NOW.atOffset(ZoneOffset.UTC).minusDays(29);

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void recordsOlderThanThePeriodAreDeletedAndNothingElse(String database) {
        DataSource dataSource = TestDatabases.migrated(database, true);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        int allegroRows = jdbc.queryForObject("SELECT count(*) FROM allegro.relatie", Integer.class);
        journal(jdbc, "old", OLD);
        journal(jdbc, "young", YOUNG);
        // more than one statement's worth
        jdbc.batchUpdate("INSERT INTO bus.event_trace (event_id, queue, route_id, outcome, at) "
                + "VALUES (?, 'calls.agentstatus', 'calls-to-agent-status', 'processed', ?)", IntStream.range(0, 1100)
                .mapToObj(row -> new Object[] {"old-" + row, OLD}).toList());
        jdbc.update("INSERT INTO bus.event_trace (event_id, queue, route_id, outcome, at) "
                + "VALUES ('young', 'calls.agentstatus', 'calls-to-agent-status', 'processed', ?)", YOUNG);
        callInput(jdbc, "old", OLD);
        callInput(jdbc, "young", YOUNG);
        callInput(jdbc, "old-never-published", null);
        jdbc.update("INSERT INTO bus.logocrm_delivery (event_id, call_id, delivered_at) VALUES ('old', 'c-1', ?)", OLD);
        jdbc.update("INSERT INTO bus.logocrm_delivery (event_id, call_id, delivered_at) VALUES ('young', 'c-2', ?)", YOUNG);

        RecordRetention retention = new RecordRetention(jdbc, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(30));

        assertThat(retention.sweep()).isEqualTo(1 + 1100 + 1 + 1);
        assertThat(jdbc.queryForList("SELECT event_id FROM bus.event_journal", String.class)).containsExactly("young");
        assertThat(jdbc.queryForList("SELECT event_id FROM bus.event_trace", String.class)).containsExactly("young");
        assertThat(jdbc.queryForList("SELECT call_id FROM bus.flexfone_call_input", String.class))
                .containsExactlyInAnyOrder("young", "old-never-published");
        assertThat(jdbc.queryForList("SELECT event_id FROM bus.logocrm_delivery", String.class)).containsExactly("young");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM allegro.relatie", Integer.class)).isEqualTo(allegroRows);
        assertThat(retention.sweep()).isZero();
    }

    private static void journal(JdbcTemplate jdbc, String eventId, OffsetDateTime recordedAt) {
        jdbc.update("INSERT INTO bus.event_journal (event_id, type, source, queue, recorded_at) "
                + "VALUES (?, 'call.answered', '/flexfone/4711', 'calls.journal', ?)", eventId, recordedAt);
    }

    /** A row recorded long ago, published at {@code publishedAt} or not at all. */
    private static void callInput(JdbcTemplate jdbc, String callId, OffsetDateTime publishedAt) {
        jdbc.update("INSERT INTO bus.flexfone_call_input (call_id, module, answer, fallback, received_at, published_at) "
                + "VALUES (?, 'allegro-relatie', '4599', FALSE, ?, ?)", callId, OLD.minusDays(9), publishedAt);
    }
}
