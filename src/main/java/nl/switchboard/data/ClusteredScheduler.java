package nl.switchboard.data;

import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.Scheduler;
import org.springframework.boot.autoconfigure.quartz.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

    @Bean("quartz")
    QuartzComponent quartzComponent(Scheduler scheduler) {
        QuartzComponent quartz = new QuartzComponent();
        quartz.setScheduler(scheduler);
        // the scheduler's lifecycle belongs to Spring; Camel must not start or stop it
        quartz.setAutoStartScheduler(false);
        return quartz;
    }
}
