package nl.switchboard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import nl.switchboard.SwitchboardApplication;

/**
 * Base of the tests that run the whole bus: the real embedded Artemis on its own TCP port, the real
 * H2 database in a fresh directory, the demo data, real HTTP on a random port. All subclasses share
 * one application context, so the bus starts once per test run. Metrics export is on, as in a real run.
 * Tagged "bus": the build runs them a second time on the test PostgreSQL server when it has one
 * (switchboard.test.bus-database=postgresql, pom.xml), the schemas dropped first.
 */
@Tag("bus")
@CamelSpringBootTest
@AutoConfigureObservability
@SpringBootTest(classes = SwitchboardApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class BusTest {

    private static final Path DATA_DIR = freshDataDir();
    private static final String DATABASE = System.getProperty("switchboard.test.bus-database", "h2");
    private static final int BROKER_PORT = freePort();
    /** A Quartz cron that is valid (Quartz refuses a trigger that never fires) and fires in 2099 only. */
    private static final String NEVER_IN_A_TEST_RUN = "0 0 0 1 1 ? 2099";
    /** The Flexfone API of the tests: a faithful fake on loopback, for the whole run. */
    public static final FakeFlexfone FLEXFONE = new FakeFlexfone();
    /** Logo CRM's IPS_callAnswered as a faithful fake on loopback. */
    public static final FakeLogoCrm LOGO_CRM = new FakeLogoCrm();
    /** Belfabriek's Agent Availability API as a faithful fake on loopback. */
    public static final FakeBelfabriek BELFABRIEK = new FakeBelfabriek();
    /** The Customer Alliance push API as a faithful fake on loopback. */
    public static final FakeCustomerAlliance CUSTOMER_ALLIANCE = new FakeCustomerAlliance();

    @DynamicPropertySource
    static void busProperties(DynamicPropertyRegistry registry) {
        registry.add("switchboard.data-dir", () -> DATA_DIR.toAbsolutePath().toString());
        if (DATABASE.equals("postgresql")) {
            TestDatabases.fresh(DATABASE);
            // user and password are in the URL
            registry.add("spring.datasource.url", TestDatabases::postgresUrl);
            registry.add("spring.datasource.username", () -> "");
        }
        registry.add("switchboard.broker.port", () -> BROKER_PORT);
        registry.add("switchboard.console.bind", () -> "http://127.0.0.1:0");
        // Allegro parameter 354 counts minutes; the Portier tests wait seconds, on the real broker path
        registry.add("switchboard.portier.lock-retry-unit", () -> "1s");
        registry.add("switchboard.portier.lock-timeout", () -> "1s");
        // a module whose lookup route the Integrationsmodul test makes slow
        registry.add("switchboard.flexfone.modules.slow-test.route", () -> "flexfone-module-slow-test");
        registry.add("switchboard.flexfone.modules.slow-test.fallback", () -> "1503");
        registry.add("switchboard.flexfone.modules.slow-test.budget", () -> "300ms");
        registry.add("switchboard.agents.wrapup", () -> "1s");
        registry.add("switchboard.allegro.session.sweep-interval", () -> "1s");
        registry.add("switchboard.logocrm.enabled", () -> "true");
        registry.add("switchboard.customeralliance.enabled", () -> "true");
        registry.add("switchboard.customeralliance.base-url", CUSTOMER_ALLIANCE::baseUrl);
        registry.add("switchboard.customeralliance.access-key", () -> FakeCustomerAlliance.ACCESS_KEY);
        registry.add("switchboard.customeralliance.review-subject", () -> FakeCustomerAlliance.REVIEW_SUBJECT);
        registry.add("switchboard.customeralliance.push-interval", () -> "500ms");
        registry.add("switchboard.customeralliance.max-attempts", () -> "2");
        registry.add("switchboard.belfabriek.poller.endpoint", BELFABRIEK::endpoint);
        registry.add("switchboard.belfabriek.poller.account-pin", () -> FakeBelfabriek.ACCOUNT);
        registry.add("switchboard.belfabriek.poller.extensions", () -> "911,912");
        registry.add("switchboard.logocrm.base-url", LOGO_CRM::baseUrl);
        // the tests run these jobs themselves; on their schedule they would fire in the middle of another
        // test (the employee sync, every quarter hour, replaced the demo directory's numbers with the fake's)
        registry.add("switchboard.flexfone.api.employee-sync-cron", () -> NEVER_IN_A_TEST_RUN);
        registry.add("switchboard.customeralliance.cron", () -> NEVER_IN_A_TEST_RUN);
        registry.add("switchboard.flexfone.api.enabled", () -> "true");
        registry.add("switchboard.flexfone.api.base-url", FLEXFONE::apiUrl);
        registry.add("switchboard.flexfone.api.myfone-url", FLEXFONE::myfoneUrl);
        registry.add("switchboard.flexfone.api.account", () -> FakeFlexfone.ACCOUNT);
        registry.add("switchboard.flexfone.api.hash", () -> FakeFlexfone.HASH);
        registry.add("switchboard.flexfone.api.myfone-username", () -> FakeFlexfone.MYFONE_USER);
        registry.add("switchboard.flexfone.api.myfone-password", () -> FakeFlexfone.MYFONE_PASSWORD);
    }

    public static Path freshDataDir() {
        try {
            Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(Path.of("target"), "bus-data-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
