package nl.switchboard.allegro.telefoon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.support.TestDatabases;

/** The sweep of ended sessions and old failed logins, its SQL on both databases the bus supports. */
class TelefoonSessionSweepTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Duration IDLE = Duration.ofMinutes(15);
    private static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);
    private static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    private static final String SESSION_INSERT = "INSERT INTO bus.telefoon_session "
            + "(session_guid, relatiecode, client_address, created_at, last_used_at) VALUES (?, 4599, '127.0.0.1', ?, ?)";

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void deletesWhatEndedLongerAgoThanItIsKeptInChunksUntilNoneIsLeft(String database) {
        DataSource dataSource = TestDatabases.migrated(database, false);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        TelefoonSessions sessions = new TelefoonSessions(jdbc, Clock.fixed(NOW, ZoneOffset.UTC), IDLE, KEPT_AFTER_EXPIRY,
                FAILURE_WINDOW, 5, 100);
        OffsetDateTime now = NOW.atOffset(ZoneOffset.UTC);
        // more than two statements' worth of sessions ended a day and a minute ago
        OffsetDateTime endedYesterday = now.minusDays(1).minusMinutes(16);
        jdbc.batchUpdate(SESSION_INSERT, IntStream.range(0, 1200)
                .mapToObj(session -> new Object[] {"ended-" + session, endedYesterday, endedYesterday}).toList());
        session(jdbc, "ended-an-hour-ago", now.minusHours(1));
        session(jdbc, "in-use", now.minusMinutes(1));
        failure(jdbc, "outside-the-window", now.minusMinutes(16));
        failure(jdbc, "within-the-window", now.minusMinutes(14));

        assertThat(sessions.sweep()).isEqualTo(1201);

        assertThat(jdbc.queryForList("SELECT session_guid FROM bus.telefoon_session ORDER BY session_guid", String.class))
                .isEqualTo(List.of("ended-an-hour-ago", "in-use"));
        assertThat(jdbc.queryForList("SELECT client_address FROM bus.telefoon_login_failure", String.class))
                .containsExactly("within-the-window");
        assertThat(sessions.sweep()).isZero();
    }

    private static void session(JdbcTemplate jdbc, String guid, OffsetDateTime lastUsedAt) {
        jdbc.update(SESSION_INSERT, guid, lastUsedAt, lastUsedAt);
    }

    private static void failure(JdbcTemplate jdbc, String address, OffsetDateTime failedAt) {
        jdbc.update("INSERT INTO bus.telefoon_login_failure (relatiecode, client_address, failed_at) VALUES (4599, ?, ?)",
                address, failedAt);
    }
}
