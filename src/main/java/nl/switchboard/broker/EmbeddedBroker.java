package nl.switchboard.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Artemis broker inside the bus process, configured by the same broker.xml a standalone Artemis
 * would use. Its journal lives under the bus's data directory, so a restart keeps every unconsumed
 * message. Who may connect is the JAAS realm {@value #REALM} of the login.config beside broker.xml,
 * the same realm a standalone Artemis and the console use.
 */
public class EmbeddedBroker {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    public static final String REALM = "activemq";
    /** JAAS reads its configuration file from this JVM-wide property. */
    private static final String JAAS_CONFIG = "java.security.auth.login.config";
    /** In-VM acceptors are JVM-wide by number; tests run several brokers in one JVM. */
    private static final AtomicInteger IN_VM_IDS = new AtomicInteger();

    private final Path brokerXml;
    private final Path loginConfig;
    private final Path dataDir;
    private final Integer portOverride;
    private final boolean jmx;
    private final EmbeddedActiveMQ embedded = new EmbeddedActiveMQ();
    private MeterRegistry metrics;
    private String clientUrl;
    private String inVmUrl;

    /**
     * @param portOverride replaces the acceptor's port from broker.xml when not null, so that tests and
     *                     a second instance on one machine need no edited copy of the file
     * @param jmx          whether the broker registers its MBeans (the console reads them); a JVM has
     *                     one MBean server, where a second broker of the same name would take them over
     */
    public EmbeddedBroker(Path brokerXml, Path loginConfig, Path dataDir, Integer portOverride, boolean jmx) {
        this.brokerXml = brokerXml;
        this.loginConfig = loginConfig;
        this.dataDir = dataDir;
        this.portOverride = portOverride;
        this.jmx = jmx;
    }

    /** Where the broker's meters go (see {@link BrokerMetrics}); set before {@link #start()}. */
    public void reportTo(MeterRegistry registry) {
        this.metrics = registry;
    }

    public void start() throws Exception {
        if (!Files.isReadable(brokerXml)) {
            throw new IllegalStateException("Broker configuration not found: " + brokerXml.toAbsolutePath());
        }
        useLoginConfig();
        FileConfiguration configuration = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(brokerXml.toUri().toString());
        deployment.addDeployable(configuration);
        deployment.readConfiguration();
        Files.createDirectories(dataDir);
        configuration.setBrokerInstance(dataDir.toFile());
        configuration.setJMXManagementEnabled(jmx);
        if (metrics != null) {
            configuration.setMetricsConfiguration(BrokerMetrics.into(metrics));
        }

        TransportConfiguration acceptor = firstAcceptor(configuration);
        if (portOverride != null) {
            acceptor.getParams().put("port", portOverride);
        }
        clientUrl = "tcp://" + param(acceptor.getParams(), "host", "127.0.0.1") + ":"
                + param(acceptor.getParams(), "port", "61616");
        inVmUrl = "vm://" + IN_VM_IDS.incrementAndGet();
        configuration.addAcceptorConfiguration("in-vm", inVmUrl);

        embedded.setConfiguration(configuration);
        embedded.setSecurityManager(new ActiveMQJAASSecurityManager(REALM));
        embedded.start();
        LOG.info("Embedded Artemis broker '{}' started from {} on {}, data in {}", configuration.getName(),
                brokerXml, clientUrl, dataDir.toAbsolutePath());
    }

    /**
     * Points JAAS at the configured login.config. A JVM has one JAAS configuration: when it is already
     * set (by -D at start, or by an earlier broker in this JVM), that one stays.
     */
    private void useLoginConfig() {
        if (!Files.isReadable(loginConfig)) {
            throw new IllegalStateException("Broker login configuration not found: " + loginConfig.toAbsolutePath());
        }
        String configured = System.getProperty(JAAS_CONFIG);
        if (configured == null) {
            System.setProperty(JAAS_CONFIG, loginConfig.toAbsolutePath().toString());
        } else if (!Path.of(configured).toAbsolutePath().equals(loginConfig.toAbsolutePath())) {
            LOG.warn("JAAS uses {} (set by -D{}), not {}", configured, JAAS_CONFIG, loginConfig);
        }
    }

    public void stop() throws Exception {
        embedded.stop();
    }

    /** The URL a core client uses to reach this broker's acceptor. */
    public String clientUrl() {
        return clientUrl;
    }

    /**
     * The URL the bus itself connects with: the same broker, security and semantics as over TCP, without
     * encoding every message onto a socket and back within one process.
     */
    public String inVmUrl() {
        return inVmUrl;
    }

    public ActiveMQServer server() {
        return embedded.getActiveMQServer();
    }

    private static TransportConfiguration firstAcceptor(FileConfiguration configuration) {
        List<TransportConfiguration> acceptors = List.copyOf(configuration.getAcceptorConfigurations());
        if (acceptors.isEmpty()) {
            throw new IllegalStateException("broker.xml declares no acceptor: the bus could not connect");
        }
        return acceptors.get(0);
    }

    private static String param(Map<String, Object> params, String name, String fallback) {
        Object value = params.get(name);
        return value == null ? fallback : value.toString();
    }
}
