package nl.switchboard.trace;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import nl.switchboard.data.BatchedRows;

/**
 * bus.event_trace: each delivery attempt of an event at a consumer of the broker, and its outcome.
 * Every delivery is traced, so the rows are written in batches off the consumers' threads (one commit
 * for many instead of one each, which the consumers waited for); a read first writes what is pending,
 * so this instance always reads its own traces. The trace is for operators: a batch the database
 * refuses is said in the log, not retried forever.
 */
@Repository
public class EventTrace {

    private static final String INSERT = "INSERT INTO bus.event_trace (event_id, queue, route_id, attempt, outcome, "
            + "reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final Duration WRITE_INTERVAL = Duration.ofMillis(100);
    private static final int MOST_PENDING = 10_000;

    public static final String PROCESSED = "processed";
    public static final String FAILED = "failed";
    public static final String DEAD_LETTERED = "dead-lettered";
    private static final int REASON_LENGTH = 1000;

    /** One delivery attempt: which queue and route, which attempt, processed or failed and why. */
    public record Delivery(String queue, String routeId, Integer attempt, String outcome, String reason,
                           OffsetDateTime at) {
    }

    private final JdbcTemplate jdbc;
    private final BatchedRows rows;

    public EventTrace(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.rows = new BatchedRows(jdbc, INSERT, WRITE_INTERVAL, MOST_PENDING, "event-trace-writer",
                "Event trace rows not recorded");
    }

    /** Queues the row; when the writer has fallen this far behind, the caller writes what is pending itself. */
    public void record(String eventId, String queue, String routeId, Integer attempt, String outcome, String reason) {
        rows.add(eventId, queue, routeId, attempt, outcome, truncate(reason),
                Timestamp.from(OffsetDateTime.now(ZoneOffset.UTC).toInstant()));
    }

    /** Writes every queued row in one batch. */
    public void writePending() {
        rows.writePending();
    }

    @PreDestroy
    void writeRemaining() {
        rows.close();
    }

    public List<Delivery> deliveries(String eventId) {
        writePending();
        return jdbc.query("SELECT queue, route_id, attempt, outcome, reason, at FROM bus.event_trace "
                        + "WHERE event_id = ? ORDER BY at, id",
                (rs, row) -> new Delivery(rs.getString("queue"), rs.getString("route_id"),
                        (Integer) rs.getObject("attempt"), rs.getString("outcome"), rs.getString("reason"),
                        rs.getObject("at", OffsetDateTime.class)),
                eventId);
    }

    /** Why the event's last failed or dead-lettered delivery from the queue failed, if one did. */
    public Optional<String> lastFailure(String eventId, String queue) {
        writePending();
        return jdbc.query("SELECT reason FROM bus.event_trace WHERE event_id = ? AND queue = ? AND outcome IN (?, ?) "
                        + "ORDER BY at DESC, id DESC FETCH FIRST 1 ROWS ONLY",
                (rs, row) -> rs.getString("reason"), eventId, queue, FAILED, DEAD_LETTERED).stream().findFirst();
    }

    private static String truncate(String reason) {
        return reason == null || reason.length() <= REASON_LENGTH ? reason : reason.substring(0, REASON_LENGTH);
    }
}
