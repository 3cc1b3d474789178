package nl.switchboard.customeralliance;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import nl.switchboard.canonical.CanonicalEvent;
import nl.switchboard.ops.EventIdInLogs;

/**
 * The Soferu side of the Customer Alliance interface (seed 004): selects the stays whose guests are to
 * be asked for a review — checked out, guest with e-mail address and name, notification option on,
 * not yet transmitted — and puts each on guests.checkedout as {@code guest.checkedout}, a page at a time. A stay is
 * claimed (queued_at) before it is sent, so a second run or a second instance never sends it again;
 * a claim older than the requeue time without transmission (the bus stopped in between) is sent again,
 * with the same event id. Stays are read in pages: memory does not grow with their number.
 */
@Component
public class CheckedOutGuests {

    private static final Logger LOG = LoggerFactory.getLogger(CheckedOutGuests.class);
    public static final String SOURCE = "/soferu";
    private static final int PAGE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ConnectionFactory connectionFactory;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String queue;
    private final Duration requeueAfter;

    public CheckedOutGuests(JdbcTemplate jdbc, TransactionTemplate transaction, ConnectionFactory connectionFactory,
                            ObjectMapper canonicalObjectMapper, Clock clock,
                            @Value("${switchboard.queues.guests-checkedout}") String queue,
                            @Value("${switchboard.customeralliance.requeue-after}") Duration requeueAfter) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.connectionFactory = connectionFactory;
        this.mapper = canonicalObjectMapper;
        this.clock = clock;
        this.queue = queue;
        this.requeueAfter = requeueAfter;
    }

    /** Queues every qualifying stay; answers how many. */
    public int queueAll() {
        int queued = 0;
        String after = "";
        while (true) {
            OffsetDateTime stale = OffsetDateTime.now(clock).minus(requeueAfter);
            List<String> page = jdbc.queryForList("""
                    SELECT s.booking_number FROM soferu.stay s JOIN soferu.guest g ON g.id = s.guest_id
                     WHERE s.checked_out AND s.notify_on_occupancy AND s.transmitted_at IS NULL
                       AND g.email IS NOT NULL AND TRIM(g.email) <> '' AND g.name IS NOT NULL AND TRIM(g.name) <> ''
                       AND (s.queued_at IS NULL OR s.queued_at < ?)
                       AND s.booking_number > ?
                     ORDER BY s.booking_number LIMIT ?""", String.class, stale, after, PAGE);
            List<String> claimed = transaction.execute(status -> page.stream().filter(b -> claim(b, stale)).toList());
            queued += send(claimed);
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        LOG.info("{} checked-out guest(s) queued for Customer Alliance", queued);
        return queued;
    }

    /**
     * The claimed stays of a page as one JMS transaction: one disk write for the page instead of one per
     * guest. Claimed but not sent (the bus stopped in between) is sent again after the requeue time.
     */
    private int send(List<String> bookings) {
        if (bookings.isEmpty()) {
            return 0;
        }
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
                for (String booking : bookings) {
                    CanonicalEvent event = event(booking);
                    TextMessage message = session.createTextMessage(mapper.writeValueAsString(event));
                    message.setStringProperty(EventIdInLogs.HEADER, event.id());
                    producer.send(message);
                }
            }
            session.commit();
            return bookings.size();
        } catch (JMSException | JsonProcessingException e) {
            throw new IllegalStateException("Guests could not be queued on " + queue + ": " + e.getMessage(), e);
        }
    }

    /** Only one run, on one instance, wins the claim of a stay. */
    private boolean claim(String booking, OffsetDateTime stale) {
        return jdbc.update("UPDATE soferu.stay SET queued_at = ? WHERE booking_number = ? AND transmitted_at IS NULL "
                + "AND (queued_at IS NULL OR queued_at < ?)", OffsetDateTime.now(clock), booking, stale) == 1;
    }

    private CanonicalEvent event(String booking) {
        return jdbc.queryForObject("""
                SELECT s.booking_number, s.status, s.arrival, s.departure, s.room_number, s.room_category,
                       g.id AS guest_id, g.name, g.first_name, g.gender, g.language, g.email, g.phone
                  FROM soferu.stay s JOIN soferu.guest g ON g.id = s.guest_id WHERE s.booking_number = ?""",
                (rs, i) -> {
                    ObjectNode data = mapper.createObjectNode()
                            .put("bookingNumber", rs.getString("booking_number"))
                            .put("guestId", rs.getLong("guest_id"))
                            .put("name", rs.getString("name"))
                            .put("firstName", rs.getString("first_name"))
                            .put("gender", rs.getString("gender"))
                            .put("language", rs.getString("language"))
                            .put("email", rs.getString("email").trim())
                            .put("phone", rs.getString("phone"))
                            .put("status", rs.getString("status"))
                            .put("arrival", rs.getObject("arrival", LocalDate.class).toString())
                            .put("departure", rs.getObject("departure", LocalDate.class).toString())
                            .put("roomNumber", rs.getString("room_number"))
                            .put("roomCategory", rs.getString("room_category"));
                    return CanonicalEvent.of(SOURCE, "guest.checkedout", booking, booking, OffsetDateTime.now(clock), data);
                }, booking);
    }
}
