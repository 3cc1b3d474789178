package nl.switchboard.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Artemis broker inside the bus process, configured by the same broker.xml a standalone Artemis
 * would use. Its journal lives under the bus's data directory, so a restart keeps every unconsumed
 * message.
 */
public class EmbeddedBroker {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final Path brokerXml;
    private final Path dataDir;
    private final Integer portOverride;
    private final EmbeddedActiveMQ embedded = new EmbeddedActiveMQ();
    private String clientUrl;

    /**
     * @param portOverride replaces the acceptor's port from broker.xml when not null, so that tests and
     *                     a second instance on one machine need no edited copy of the file
     */
    public EmbeddedBroker(Path brokerXml, Path dataDir, Integer portOverride) {
        this.brokerXml = brokerXml;
        this.dataDir = dataDir;
        this.portOverride = portOverride;
    }

    public void start() throws Exception {
        if (!Files.isReadable(brokerXml)) {
            throw new IllegalStateException("Broker configuration not found: " + brokerXml.toAbsolutePath());
        }
        FileConfiguration configuration = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(brokerXml.toUri().toString());
        deployment.addDeployable(configuration);
        deployment.readConfiguration();
        Files.createDirectories(dataDir);
        configuration.setBrokerInstance(dataDir.toFile());

        TransportConfiguration acceptor = firstAcceptor(configuration);
        if (portOverride != null) {
            acceptor.getParams().put("port", portOverride);
        }
        clientUrl = "tcp://" + param(acceptor.getParams(), "host", "127.0.0.1") + ":"
                + param(acceptor.getParams(), "port", "61616");

        embedded.setConfiguration(configuration);
        embedded.start();
        LOG.info("Embedded Artemis broker '{}' started from {} on {}, data in {}", configuration.getName(),
                brokerXml, clientUrl, dataDir.toAbsolutePath());
    }

    public void stop() throws Exception {
        embedded.stop();
    }

    /** The URL a core client uses to reach this broker's acceptor. */
    public String clientUrl() {
        return clientUrl;
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
