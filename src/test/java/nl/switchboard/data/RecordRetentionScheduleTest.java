package nl.switchboard.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.support.BusTest;

/** The retention of the bus's records as the running bus schedules and runs it. */
class RecordRetentionScheduleTest extends BusTest {

    @Autowired
    Scheduler scheduler;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProducerTemplate producer;

    @Test
    void runsOnItsCronOncePerClusterAndDeletesWhatIsPastThePeriod() throws SchedulerException {
        CronTrigger trigger = (CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey("retention", "bus"));
        assertThat(trigger.getCronExpression()).isEqualTo("0 25 * * * ?");
        assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
        journal("retention-31-days-old", OffsetDateTime.now().minusDays(31));
        journal("retention-29-days-old", OffsetDateTime.now().minusDays(29));

        producer.sendBody("direct:retention", null);

        assertThat(jdbc.queryForList("SELECT event_id FROM bus.event_journal WHERE event_id LIKE 'retention-%'",
                String.class)).containsExactly("retention-29-days-old");
    }

    private void journal(String eventId, OffsetDateTime recordedAt) {
        jdbc.update("INSERT INTO bus.event_journal (event_id, type, source, queue, recorded_at) "
                + "VALUES (?, 'call.answered', '/flexfone/4711', 'calls.journal', ?)", eventId, recordedAt);
    }
}
