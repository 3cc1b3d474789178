package nl.switchboard.broker;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.jms.ConnectionFactory;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * Connects the bus to Artemis: the embedded broker unless {@code spring.artemis.broker-url} names an
 * external one, in which case nothing is embedded.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ArtemisProperties.class)
public class BrokerConfiguration {

    private static final Duration FAILED_CONNECT_RETRY = Duration.ofMillis(100);

    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnExpression("'${spring.artemis.broker-url:}'.isEmpty()")
    EmbeddedBroker embeddedBroker(@Value("${switchboard.broker.config}") Path brokerXml,
                                  @Value("${switchboard.broker.login-config}") Path loginConfig,
                                  @Value("${switchboard.data-dir}") Path dataDir,
                                  @Value("${switchboard.broker.port:#{null}}") Integer port,
                                  @Value("${switchboard.console.enabled}") boolean console,
                                  ObjectProvider<MeterRegistry> metrics) {
        EmbeddedBroker broker = new EmbeddedBroker(brokerXml, loginConfig, dataDir, port, console);
        metrics.ifAvailable(broker::reportTo);
        return broker;
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnExpression("'${spring.artemis.broker-url:}'.isEmpty() and ${switchboard.console.enabled}")
    @DependsOn("embeddedBroker")
    BrokerConsole brokerConsole(@Value("${switchboard.console.bind}") URI bind,
                                @Value("${switchboard.console.roles}") String roles,
                                @Value("${switchboard.console.jolokia-access}") Path jolokiaAccess,
                                @Value("${switchboard.data-dir}") Path dataDir) {
        return new BrokerConsole(bind, roles, jolokiaAccess, dataDir);
    }

    /**
     * Pooled, because camel-jms consumers and producers open sessions constantly; the pool keeps a
     * few long-lived broker connections instead of one per send.
     */
    @Bean(destroyMethod = "stop")
    JmsPoolConnectionFactory jmsConnectionFactory(ArtemisProperties artemis, ObjectProvider<EmbeddedBroker> embedded) {
        String url = artemis.getBrokerUrl() != null ? artemis.getBrokerUrl() : embedded.getObject().inVmUrl();
        ActiveMQConnectionFactory broker = new ActiveMQConnectionFactory(url, artemis.getUser(), artemis.getPassword());
        // Camel resolves a destination by name at every send, and without this cache each resolution asks
        // the broker whether the address exists, twice, waiting for the answers (bench/p3: a tenth of a
        // Portier booking's time). The bus's addresses are declared in broker.xml and never auto-created.
        broker.setCacheDestinations(true);
        // While the broker is down, the client tries every new connection under one lock, and each
        // failed try waits the retry interval (2 s by default) before it asks the broker's topology too:
        // behind the consumers' reconnects a PBX callback waited 3-15 s for its 503 and a withdrawal 15 s
        // (BrokerOutageTest). A URL that sets retryInterval (an HA pair's failover) keeps its own.
        if (!url.contains("retryInterval=")) {
            broker.setRetryInterval(FAILED_CONNECT_RETRY.toMillis());
        }
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(broker);
        pool.setMaxConnections(artemis.getPool().getMaxConnections());
        pool.setMaxSessionsPerConnection(artemis.getPool().getMaxSessionsPerConnection());
        pool.setConnectionIdleTimeout((int) artemis.getPool().getIdleTimeout().toMillis());
        pool.setBlockIfSessionPoolIsFull(artemis.getPool().isBlockIfFull());
        return pool;
    }

    /**
     * The {@code jms} component of every route. A route that says {@code transacted=true} runs in a
     * local JMS session transaction: an exception rolls the delivery back and the broker redelivers
     * by the address settings in broker.xml, then dead-letters. No lazily created transaction
     * manager: with one, every consumer reconnects about once a second. A rolled-back delivery is
     * logged in one line, without a stack trace: the broker redelivers, the route has said which
     * event failed and why (broker-redelivery in routes/error-policy.camel.yaml), and a CRM or API
     * down for an hour was a stack trace of some fifty lines at every attempt.
     */
    @Bean("jms")
    JmsComponent jmsComponent(ConnectionFactory connectionFactory) {
        JmsComponent jms = JmsComponent.jmsComponent(connectionFactory);
        jms.setLazyCreateTransactionManager(false);
        jms.setCacheLevelName("CACHE_CONSUMER");
        jms.setErrorHandlerLogStackTrace(false);
        return jms;
    }
}
