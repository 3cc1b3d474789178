package nl.switchboard.data;

import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.boot.autoconfigure.quartz.SchedulerFactoryBeanCustomizer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Quartz on its JDBC job store in the bus schema (migration V5), clustered, so that a cron job fires
 * once per cluster however many bus instances run. Camel's quartz: endpoints use this scheduler.
 */
@Configuration(proxyBeanMethods = false)
public class ClusteredScheduler {

    /** The scheduler may only start once its tables exist. */
    @Bean
    SchedulerFactoryBeanCustomizer schedulerAfterMigrations(SchemaMigrations migrations) {
        return factory -> factory.setWaitForJobsToCompleteOnShutdown(true);
    }

    /**
     * Camel stops on ContextClosedEvent, Quartz only later in the lifecycle stop: a trigger firing in
     * between would find no CamelContext. Quartz stops taking triggers first.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ApplicationListener<ContextClosedEvent> quartzStandbyBeforeCamelStops(Scheduler scheduler) {
        return event -> {
            try {
                scheduler.standby();
            } catch (SchedulerException e) {
                throw new IllegalStateException("Quartz could not be put on standby", e);
            }
        };
    }

    @Bean("quartz")
    QuartzComponent quartzComponent(Scheduler scheduler) {
        QuartzComponent quartz = new QuartzComponent();
        quartz.setScheduler(scheduler);
        // the scheduler's lifecycle belongs to Spring; Camel must not start or stop it
        quartz.setAutoStartScheduler(false);
        return quartz;
    }
}
