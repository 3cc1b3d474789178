package nl.switchboard.belfabriek;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.jms.JMSException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import nl.switchboard.canonical.CanonicalEvent;
import nl.switchboard.trace.EventBatchDrain;

/**
 * The agent-status projection in the bus schema, fed by the call events on {@code calls}: incoming
 * and outgoing → calling, answered → called, ended → wrapup for a configured time → idle. An event
 * older than the last one applied to an extension changes nothing (redeliveries, reordering).
 */
@Component
public class AgentStatusProjection {

    public static final List<String> PRESENCES = List.of("available", "paused", "logged-out");
    /** The route that drains calls.agentstatus (routes/belfabriek.camel.yaml), as the event trace names it. */
    private static final String ROUTE = "calls-to-agent-status";

    private final EventBatchDrain batchDrain;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration wrapup;

    public AgentStatusProjection(EventBatchDrain batchDrain, JdbcTemplate jdbc, Clock clock,
                                 @Value("${switchboard.agents.wrapup}") Duration wrapup) {
        this.batchDrain = batchDrain;
        this.jdbc = jdbc;
        this.clock = clock;
        this.wrapup = wrapup;
    }

    /**
     * Applies what waits on the queue of call events, in batches ({@link EventBatchDrain}); answers how
     * many messages were taken.
     *
     * @param queue       the projection's queue, fully qualified (address::queue)
     * @param deadLetters the dead-letter queue of its address
     */
    public int drain(String queue, String deadLetters) throws JMSException {
        return batchDrain.drain(queue, deadLetters, "bus.agent_status", ROUTE, events -> events.forEach(this::apply));
    }

    private void apply(CanonicalEvent event) {
        String callId = event.data().path("callId").asText();
        String extension = event.data().path("employeeExtension").asText("");
        OffsetDateTime time = event.time() != null ? event.time() : OffsetDateTime.now(clock);
        switch (event.type()) {
            case "call.incoming", "call.outgoing" -> set(extension, "calling", callId, null, time);
            case "call.answered" -> set(extension, "called", callId, null, time);
            case "call.ended" -> jdbc.queryForList("SELECT extension FROM bus.agent_status WHERE call_id = ?", String.class, callId)
                    .forEach(agent -> set(agent, "wrapup", callId, OffsetDateTime.now(clock).plus(wrapup), time));
            default -> {
                // other call events say nothing about an agent's status
            }
        }
    }

    /** Sets presence by a person (REST). */
    @Transactional
    public void setPresence(String extension, String presence) {
        if (!PRESENCES.contains(presence)) {
            throw new IllegalArgumentException("presence is one of " + PRESENCES);
        }
        ensure(extension);
        jdbc.update("UPDATE bus.agent_status SET presence = ?, updated_at = ? WHERE extension = ?",
                presence, OffsetDateTime.now(clock), extension);
    }

    /** The status now (a wrapup past its time is idle); empty for an extension the bus does not know. */
    public Optional<AgentStatus> read(String extension) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<AgentStatus> found = jdbc.query("""
                SELECT d.localnumber,
                       (SELECT p.number FROM bus.directory_phone p WHERE p.localnumber = d.localnumber
                         ORDER BY p.number LIMIT 1) AS number,
                       a.presence, a.status, a.wrapup_until
                  FROM bus.directory d LEFT JOIN bus.agent_status a ON a.extension = d.localnumber
                 WHERE d.localnumber = ?""",
                (rs, i) -> {
                    String status = rs.getString("status") == null ? "idle" : rs.getString("status");
                    OffsetDateTime until = rs.getObject("wrapup_until", OffsetDateTime.class);
                    if (status.equals("wrapup") && until != null && !until.isAfter(now)) {
                        status = "idle";
                    }
                    String number = rs.getString("number");
                    return new AgentStatus(rs.getString("localnumber"),
                            rs.getString("presence") == null ? "available" : rs.getString("presence"),
                            status, number == null ? rs.getString("localnumber") : number);
                }, extension);
        return found.stream().findFirst();
    }

    private void set(String extension, String status, String callId, OffsetDateTime wrapupUntil, OffsetDateTime time) {
        if (extension.isBlank()) {
            return;
        }
        ensure(extension);
        jdbc.update("UPDATE bus.agent_status SET status = ?, call_id = ?, wrapup_until = ?, event_time = ?, updated_at = ? "
                        + "WHERE extension = ? AND (event_time IS NULL OR event_time <= ?)",
                status, callId, wrapupUntil, time, OffsetDateTime.now(clock), extension, time);
    }

    /**
     * The row of an extension, made on its first event. NOT EXISTS first: H2 answers ON CONFLICT by
     * throwing and catching a duplicate-key exception, for nearly every event (bench/p2: 1 % of the CPU);
     * ON CONFLICT still covers two first events at once.
     */
    private void ensure(String extension) {
        jdbc.update("INSERT INTO bus.agent_status (extension, updated_at) SELECT ?, ? "
                + "WHERE NOT EXISTS (SELECT 1 FROM bus.agent_status WHERE extension = ?) ON CONFLICT DO NOTHING",
                extension, OffsetDateTime.now(clock), extension);
    }
}
