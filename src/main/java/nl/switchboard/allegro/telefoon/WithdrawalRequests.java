package nl.switchboard.allegro.telefoon;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.PreDestroy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import nl.switchboard.canonical.CanonicalEvent;
import nl.switchboard.data.BatchedRows;

/**
 * Puts {@code allegro.withdrawal.requested} for a written Portier mutation on the broker and records
 * when it got there. The mutation row is the outbox: a row written but never sent (the bus stopped in
 * between) is sent by {@link #resendUnsent()}, with the same event id, so Portier books it once.
 * <p>
 * That a row was sent is recorded in a batch every 100 ms, which the withdrawal's caller does not wait
 * for: a record that is lost (a crash, a database that refused the batch) only makes the sweeper send
 * the request again, and a commit of its own per withdrawal was 4 % of the IVR flow's CPU (bench/p4).
 * The caller is thereby also never held by the Portier, which locks the same row while it books.
 */
@Component
public class WithdrawalRequests {

    private static final Logger LOG = LoggerFactory.getLogger(WithdrawalRequests.class);

    private static final Duration RECORD_INTERVAL = Duration.ofMillis(100);
    private static final int MOST_PENDING_RECORDS = 10_000;

    private final JdbcTemplate jdbc;
    private final BatchedRows sentRecords;
    private final ProducerTemplate producer;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration sweepGrace;

    public WithdrawalRequests(JdbcTemplate jdbc, ProducerTemplate producer, ObjectMapper canonicalObjectMapper,
                              Clock clock, @Value("${switchboard.portier.sweep-grace}") Duration sweepGrace) {
        this.jdbc = jdbc;
        this.sentRecords = new BatchedRows(jdbc, "UPDATE allegro.portier_mutatie SET verzonden_op = ? WHERE id = ?",
                RECORD_INTERVAL, MOST_PENDING_RECORDS, "withdrawal-sent-records",
                "Portier-mutaties verzonden maar niet als verzonden vastgelegd; de sweeper verzendt ze opnieuw");
        this.producer = producer;
        this.mapper = canonicalObjectMapper;
        this.clock = clock;
        this.sweepGrace = sweepGrace;
    }

    /**
     * Sends the request of one mutation; returns once it is durably on the broker, with the record that
     * it was sent still queued.
     */
    public void send(long mutationId) {
        CanonicalEvent event = jdbc.queryForObject("""
                SELECT id, event_id, relatiecode, reservering_nummer, bedrag, welke_rekening, aangemaakt_op
                  FROM allegro.portier_mutatie WHERE id = ?""", (rs, i) -> {
            OffsetDateTime createdAt = rs.getObject("aangemaakt_op", OffsetDateTime.class);
            ObjectNode data = mapper.createObjectNode()
                    .put("mutationId", rs.getLong("id"))
                    .put("relatiecode", rs.getInt("relatiecode"))
                    .put("reserveringNummer", rs.getInt("reservering_nummer"))
                    .put("amount", rs.getBigDecimal("bedrag").setScale(2))
                    .put("account", rs.getString("welke_rekening").toLowerCase())
                    .put("createdAt", createdAt.toString());
            return new CanonicalEvent(CanonicalEvent.SPEC_VERSION, rs.getString("event_id"), OpnameReservering.SOURCE,
                    OpnameReservering.TYPE, createdAt, String.valueOf(rs.getInt("relatiecode")), CanonicalEvent.JSON, data);
        }, mutationId);
        producer.sendBody("direct:allegro-withdrawal-requested", event);
        sentRecords.add(OffsetDateTime.now(clock), mutationId);
    }

    /**
     * Sends the mutations that were written but never reached the broker. Only rows older than the
     * grace period: a younger one may still be on its way in the request that wrote it. A processed
     * mutation reached the Portier, whatever its record says.
     */
    public int resendUnsent() {
        List<Long> unsent = jdbc.queryForList("SELECT id FROM allegro.portier_mutatie WHERE verzonden_op IS NULL "
                + "AND doorgevoerd IS NULL AND aangemaakt_op < ? ORDER BY id", Long.class,
                OffsetDateTime.now(clock).minus(sweepGrace));
        for (long mutationId : unsent) {
            send(mutationId);
            LOG.warn("Portier-mutatie {} was vastgelegd maar nooit verzonden; nu alsnog verzonden", mutationId);
        }
        sentRecords.writePending();
        return unsent.size();
    }

    @PreDestroy
    void recordRemaining() {
        sentRecords.close();
    }
}
