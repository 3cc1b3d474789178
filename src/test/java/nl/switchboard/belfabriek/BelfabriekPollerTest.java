package nl.switchboard.belfabriek;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.support.BusTest;
import nl.switchboard.support.FakeBelfabriek;

/** The Belfabriek poller against a faithful fake of the vendor's XML-RPC endpoint. */
class BelfabriekPollerTest extends BusTest {

    @Autowired
    ProducerTemplate producer;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void agentStatusIsPublishedWhenAndOnlyWhenItChanges() {
        BELFABRIEK.set("911", new FakeBelfabriek.Agent(1, "-", "31201234567", "idle"));
        BELFABRIEK.set("912", new FakeBelfabriek.Agent(0, "pause", "31201234568", "idle"));

        producer.sendBody("direct:belfabriek-poll", null);
        awaitEvents("911", 1);
        awaitEvents("912", 1);
        assertThat(jdbc.queryForMap("SELECT available, avail_reason, status, number FROM bus.belfabriek_agent WHERE extension = '912'"))
                .containsEntry("available", false).containsEntry("avail_reason", "pause").containsEntry("status", "idle")
                .containsEntry("number", "31201234568");

        producer.sendBody("direct:belfabriek-poll", null);
        BELFABRIEK.set("911", new FakeBelfabriek.Agent(1, "-", "31201234567", "called"));
        producer.sendBody("direct:belfabriek-poll", null);

        awaitEvents("911", 2);
        assertThat(events("912")).as("no change, no event").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM bus.belfabriek_agent WHERE extension = '911'", String.class))
                .isEqualTo("called");
    }

    private void awaitEvents(String extension, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> events(extension) == count);
    }

    private int events(String extension) {
        return jdbc.queryForObject("SELECT count(*) FROM bus.event_journal WHERE type = 'agent.status' AND subject = ?",
                Integer.class, extension);
    }
}
