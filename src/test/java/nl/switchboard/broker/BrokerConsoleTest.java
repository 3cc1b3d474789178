package nl.switchboard.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.time.Duration;
import java.util.List;

import jakarta.jms.JMSSecurityException;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import nl.switchboard.support.BrokerClient;
import nl.switchboard.support.BusHttp;
import nl.switchboard.support.BusTest;
import nl.switchboard.support.Chromium;

/** The Artemis console of the embedded broker, used as an operator would, and the broker's own login. */
@ExtendWith(OutputCaptureExtension.class)
class BrokerConsoleTest extends BusTest {

    @Autowired
    BrokerConsole console;
    @Autowired
    EmbeddedBroker broker;

    @Test
    void anOperatorLogsIntoTheConsoleInChromiumAndSeesTheBussQueues() {
        WebDriver browser = Chromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get(console.url() + "/console/");
            login(browser, wait, BrokerClient.OPERATOR, BrokerClient.OPERATOR_PASSWORD);

            try {
                wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
                wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[normalize-space(text())='Queues']"))).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "portier.mutations"));
            } catch (TimeoutException e) {
                throw new AssertionError("The console's queue list did not show; the page at " + browser.getCurrentUrl()
                        + " shows:\n" + body(browser), e);
            }
            assertThat(everyPageOfTheList(browser, wait)).contains("calls.logocrm", "guests.checkedout", "DLQ.calls");
        } finally {
            browser.quit();
        }
    }

    @Test
    void wrongCredentialsAndTheBussOwnUserAreRefusedByTheConsole() {
        WebDriver browser = Chromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(console.url() + "/console/");
            login(browser, wait, BrokerClient.OPERATOR, "wrong");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Invalid login credentials"));
            assertThat(browser.findElements(By.id("pf-login-password-id"))).isNotEmpty();
        } finally {
            browser.quit();
        }
    }

    @Test
    void theConsolesJmxBridgeAnswersNoOneAnonymousOrWithoutTheOperatorRole() throws Exception {
        int port = Integer.parseInt(console.url().substring(console.url().lastIndexOf(':') + 1));
        BusHttp http = new BusHttp(port);
        assertThat(http.get("/console/jolokia/version", null).statusCode()).isEqualTo(403);
        assertThat(http.post("/console/auth/login", null, "application/json",
                "{\"username\":\"switchboard\",\"password\":\"demo-bus\"}").statusCode()).isEqualTo(403);
        assertThat(http.post("/console/auth/login", null, "application/json",
                "{\"username\":\"operator\",\"password\":\"demo-operator\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void aFailedConsoleLoginIsLoggedAsTheBussOwnLinesAreWithoutItsPassword(CapturedOutput log) throws Exception {
        int port = Integer.parseInt(console.url().substring(console.url().lastIndexOf(':') + 1));
        assertThat(new BusHttp(port).post("/console/auth/login", null, "application/json",
                "{\"username\":\"operator\",\"password\":\"not-the-Operators-1\"}").statusCode()).isEqualTo(403);

        // the bus's log line (logback, with its masking), not the console's own log4j one
        assertThat(log.getOut().lines().filter(line -> line.contains("Login failed")))
                .singleElement(STRING)
                .contains(" WARN ", "--- [switchboard]", "io.hawt.system.Authenticator", "for user: operator");
        assertThat(log.getOut()).doesNotContain("not-the-Operators-1");
    }

    @Test
    void theBrokerRefusesAnonymousConnectionsAndWrongPasswords() {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.clientUrl());
        assertThatThrownBy(() -> factory.createConnection().close()).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> factory.createConnection("switchboard", "wrong").close())
                .isInstanceOf(JMSSecurityException.class);
    }

    /**
     * The text of the queue list's pages, ten queues a page in the order the broker created them (a
     * queue another test deleted and created again is on the last).
     */
    private static String everyPageOfTheList(WebDriver browser, WebDriverWait wait) {
        StringBuilder pages = new StringBuilder(body(browser));
        List<WebElement> next = browser.findElements(By.cssSelector("button[aria-label='Go to next page']"));
        while (!next.isEmpty() && next.get(0).isEnabled()) {
            String shown = body(browser);
            next.get(0).click();
            wait.until(page -> !body(page).equals(shown));
            pages.append('\n').append(body(browser));
            next = browser.findElements(By.cssSelector("button[aria-label='Go to next page']"));
        }
        return pages.toString();
    }

    private static String body(WebDriver browser) {
        return browser.findElement(By.tagName("body")).getText();
    }

    private static void login(WebDriver browser, WebDriverWait wait, String user, String password) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pf-login-username-id"))).sendKeys(user);
        browser.findElement(By.id("pf-login-password-id")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }
}
