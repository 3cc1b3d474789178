package nl.switchboard.data;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes the bus's own records once they are older than switchboard.retention.period: the event
 * journal and trace (what /api/events answers), the Integrationsmodul's call input once it is on the
 * broker, the Logo CRM deliveries. Each grew by every event for good. Nothing of Allegro or Soferu is
 * touched: their tables are business data of the systems behind the bus.
 */
@Component
public class RecordRetention {

    private static final Logger LOG = LoggerFactory.getLogger(RecordRetention.class);

    /** A table of records: its unique key, and the time a row counts from (indexed). */
    private record Records(String table, String key, String time) {
    }

    private static final List<Records> RECORDS = List.of(
            new Records("bus.event_journal", "event_id", "recorded_at"),
            new Records("bus.event_trace", "id", "at"),
            // a row not yet published has no published_at and is kept however old
            new Records("bus.flexfone_call_input", "id", "published_at"),
            new Records("bus.logocrm_delivery", "event_id", "delivered_at"));

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration period;

    public RecordRetention(JdbcTemplate jdbc, Clock clock, @Value("${switchboard.retention.period}") Duration period) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.period = period;
    }

    /** Deletes what is older than the retention period; answers how many rows went. */
    public int sweep() {
        OffsetDateTime before = OffsetDateTime.now(clock).minus(period);
        int deleted = 0;
        for (Records records : RECORDS) {
            deleted += ChunkedDelete.rows(jdbc, records.table(), records.key(), records.time() + " < ?", before);
        }
        if (deleted > 0) {
            LOG.info("Deleted {} record(s) from before {} (switchboard.retention.period)", deleted, before);
        }
        return deleted;
    }
}
