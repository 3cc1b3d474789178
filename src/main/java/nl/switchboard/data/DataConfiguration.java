package nl.switchboard.data;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.transaction.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class DataConfiguration {

    /** Runs while the context starts, before any route can touch a table. */
    @Bean(initMethod = "migrate")
    SchemaMigrations schemaMigrations(DataSource dataSource, @Value("${switchboard.demo.enabled}") boolean demo) {
        return new SchemaMigrations(dataSource, demo);
    }

    /** In place of Spring Boot's, with its settings (spring.transaction.*). */
    @Bean
    LostConnectionTransactionManager transactionManager(DataSource dataSource,
            ObjectProvider<TransactionManagerCustomizers> customizers) {
        LostConnectionTransactionManager transactions = new LostConnectionTransactionManager(dataSource);
        customizers.ifAvailable(customizer -> customizer.customize(transactions));
        return transactions;
    }

    /** After the migrations, so that their tables are there. */
    @Bean(initMethod = "widen")
    EmbeddedIdentityCache embeddedIdentityCache(DataSource dataSource, SchemaMigrations migrated) {
        return new EmbeddedIdentityCache(dataSource);
    }
}
