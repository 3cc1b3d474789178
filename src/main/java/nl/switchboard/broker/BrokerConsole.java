package nl.switchboard.broker;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.apache.activemq.artemis.component.WebServerComponent;
import org.apache.activemq.artemis.dto.AppDTO;
import org.apache.activemq.artemis.dto.BindingDTO;
import org.apache.activemq.artemis.dto.WebServerDTO;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.eclipse.jetty.ee9.webapp.ClassMatcher;
import org.eclipse.jetty.ee9.webapp.WebAppContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;

/**
 * The Artemis web console (hawtio) of the embedded broker, served by Artemis's own web server beside
 * it, as a standalone broker serves it. Login goes through the broker's JAAS realm; only the
 * configured roles get in. The console reads the broker through JMX (Jolokia), so it exists only
 * where the broker runs in this process; an external broker has its own.
 */
public class BrokerConsole {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerConsole.class);
    private static final String WAR = "console.war";
    private static final String WEB_DIR = "console";

    private final URI bind;
    private final String roles;
    private final Path jolokiaAccess;
    private final Path dataDir;
    private final WebServerComponent webServer = new BusLoggingWebServer();

    /**
     * @param bind          where the console listens, e.g. http://127.0.0.1:8161 (port 0: any free one)
     * @param roles         broker roles admitted to the console, comma-separated
     * @param jolokiaAccess the Jolokia policy: which hosts and origins may use the JMX bridge
     */
    public BrokerConsole(URI bind, String roles, Path jolokiaAccess, Path dataDir) {
        this.bind = bind;
        this.roles = roles;
        this.jolokiaAccess = jolokiaAccess;
        this.dataDir = dataDir;
    }

    public void start() throws Exception {
        if (!Files.isReadable(jolokiaAccess)) {
            throw new IllegalStateException("Jolokia access policy not found: " + jolokiaAccess.toAbsolutePath());
        }
        Path home = dataDir.toAbsolutePath();
        unpackWar(home.resolve(WEB_DIR));
        // hawtio and Jolokia take their settings from system properties only
        System.setProperty("hawtio.realm", EmbeddedBroker.REALM);
        System.setProperty("hawtio.roles", roles);
        System.setProperty("hawtio.rolePrincipalClasses", RolePrincipal.class.getName());
        System.setProperty("hawtio.authenticationEnabled", "true");
        System.setProperty("hawtio.offline", "true");
        System.setProperty("hawtio.disableProxy", "true");
        System.setProperty("jolokia.policyLocation", jolokiaAccess.toAbsolutePath().toUri().toString());

        AppDTO console = new AppDTO();
        console.setName("console");
        console.setUrl("console");
        console.setWar(WAR);
        BindingDTO binding = new BindingDTO();
        binding.setUri(bind.toString());
        binding.addApp(console);
        WebServerDTO web = new WebServerDTO();
        web.setPath(WEB_DIR);
        web.setRootRedirectLocation("/console");
        web.addBinding(binding);
        webServer.configure(web, home.toString(), home.toString());
        webServer.start();
        LOG.info("Artemis console on {}/console (login: a broker user with role {})", url(), roles);
    }

    public void stop() throws Exception {
        webServer.stop(true);
    }

    /** Where the console answers, with the port actually bound. */
    public String url() {
        return bind.getScheme() + "://" + bind.getHost() + ":" + webServer.getPort();
    }

    /** The war travels in the bus's jar; the web server deploys only from a file. */
    private static void unpackWar(Path webDir) throws IOException {
        Files.createDirectories(webDir);
        try (InputStream war = new ClassPathResource("artemis-console/" + WAR).getInputStream()) {
            Files.copy(war, webDir.resolve(WAR), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Artemis's web server, with the console logging through the bus's SLF4J. The war brings its own
     * SLF4J bound to log4j: its lines came out in another format, past the bus's masking of secrets, and
     * SLF4J reported the bus's logback binding as "not a subtype" on stderr at every start.
     */
    private static final class BusLoggingWebServer extends WebServerComponent {

        @Override
        protected WebAppContext createWebAppContext(String url, String warFile, Path warDirectory, String virtualHost) {
            WebAppContext webapp = super.createWebAppContext(url, warFile, warDirectory, virtualHost);
            webapp.addSystemClassMatcher(new ClassMatcher("org.slf4j."));
            return webapp;
        }
    }
}
