package nl.switchboard.allegro.telefoon;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import nl.switchboard.canonical.CanonicalEvent;
import nl.switchboard.data.GroupCommit;

/**
 * Puts {@code allegro.withdrawal.requested} for a written Portier mutation on the broker and records
 * when it got there. The mutation row is the outbox: a row written but never sent (the bus stopped in
 * between) is sent by {@link #resendUnsent()}, with the same event id, so Portier books it once.
 * <p>
 * That a row was sent is recorded in a commit shared with other requests, which the withdrawal's caller
 * does not wait for: a record that is lost only makes the sweeper send the request again, and a commit
 * of its own per withdrawal was 4 % of the IVR flow's CPU (bench/p4).
 */
@Component
public class WithdrawalRequests {

    private static final Logger LOG = LoggerFactory.getLogger(WithdrawalRequests.class);

    private final JdbcTemplate jdbc;
    private final GroupCommit records;
    private final ProducerTemplate producer;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration sweepGrace;

    public WithdrawalRequests(JdbcTemplate jdbc, GroupCommit records, ProducerTemplate producer,
                              ObjectMapper canonicalObjectMapper, Clock clock,
                              @Value("${switchboard.portier.sweep-grace}") Duration sweepGrace) {
        this.jdbc = jdbc;
        this.records = records;
        this.producer = producer;
        this.mapper = canonicalObjectMapper;
        this.clock = clock;
        this.sweepGrace = sweepGrace;
    }

    /**
     * Sends the request of one mutation; returns once it is durably on the broker, with the record that
     * it was sent still under way.
     */
    public CompletableFuture<Void> send(long mutationId) {
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
        return records.submit("UPDATE allegro.portier_mutatie SET verzonden_op = ? WHERE id = ?",
                OffsetDateTime.now(clock), mutationId).whenComplete((recorded, failure) -> {
                    if (failure != null) {
                        LOG.warn("Portier-mutatie {} is verzonden, maar dat kon niet worden vastgelegd ({}); "
                                + "de sweeper verzendt haar opnieuw", mutationId, failure.getMessage());
                    }
                });
    }

    /**
     * Sends the mutations that were written but never reached the broker. Only rows older than the
     * grace period: a younger one may still be on its way in the request that wrote it.
     */
    public int resendUnsent() {
        List<Long> unsent = jdbc.queryForList("SELECT id FROM allegro.portier_mutatie WHERE verzonden_op IS NULL "
                + "AND aangemaakt_op < ? ORDER BY id", Long.class, OffsetDateTime.now(clock).minus(sweepGrace));
        List<CompletableFuture<Void>> recorded = new ArrayList<>();
        for (long mutationId : unsent) {
            recorded.add(send(mutationId));
            LOG.warn("Portier-mutatie {} was vastgelegd maar nooit verzonden; nu alsnog verzonden", mutationId);
        }
        // so that the next sweep does not find them again; a failure was logged by send
        CompletableFuture.allOf(recorded.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        return unsent.size();
    }
}
