package nl.switchboard.trace;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.JMSException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import nl.switchboard.deadletter.DeadLetters;
import nl.switchboard.ops.ApiErrors;

/**
 * One business fact followed by its CloudEvent id: where it was published (event_journal), what each
 * consumer made of every delivery (event_trace), and whether it waits in a dead-letter queue now.
 * The same id is in every log line about it (MDC ce_id) and on its dead letter. Role OPERATOR.
 */
@RestController
public class EventTraceApi {

    private final JdbcTemplate jdbc;
    private final EventTrace trace;
    private final DeadLetters deadLetters;

    public EventTraceApi(JdbcTemplate jdbc, EventTrace trace, DeadLetters deadLetters) {
        this.jdbc = jdbc;
        this.trace = trace;
        this.deadLetters = deadLetters;
    }

    @GetMapping("/api/events/{id}")
    public ResponseEntity<?> event(@PathVariable String id) throws JMSException {
        List<Map<String, Object>> published = jdbc.query(
                "SELECT type, source, subject, event_time, queue, recorded_at FROM bus.event_journal WHERE event_id = ?",
                (rs, row) -> {
                    Map<String, Object> journal = new LinkedHashMap<>();
                    journal.put("type", rs.getString("type"));
                    journal.put("source", rs.getString("source"));
                    journal.put("subject", rs.getString("subject"));
                    journal.put("time", rs.getObject("event_time", OffsetDateTime.class));
                    journal.put("queue", rs.getString("queue"));
                    journal.put("recordedAt", rs.getObject("recorded_at", OffsetDateTime.class));
                    return journal;
                }, id);
        List<EventTrace.Delivery> deliveries = trace.deliveries(id);
        if (published.isEmpty() && deliveries.isEmpty()) {
            return ApiErrors.error(HttpStatus.NOT_FOUND, "The bus has no event with id " + id);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("published", published.isEmpty() ? null : published.get(0));
        answer.put("deliveries", deliveries);
        answer.put("deadLetters", deadLetters.ofEvent(id));
        return ResponseEntity.ok(answer);
    }
}
