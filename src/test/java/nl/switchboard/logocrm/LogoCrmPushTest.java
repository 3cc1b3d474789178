package nl.switchboard.logocrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.switchboard.broker.BrokerManagement;
import nl.switchboard.broker.EmbeddedBroker;
import nl.switchboard.support.BrokerClient;
import nl.switchboard.support.BusTest;
import nl.switchboard.support.FakeLogoCrm;

/**
 * The Logo CRM push end to end: the caller's choice in an Integrationsmodul and the answered callback
 * arrive over HTTP as the PBX sends them; a faithful fake Logo CRM receives the push.
 */
class LogoCrmPushTest extends BusTest {

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedBroker broker;
    @Autowired
    LogoCrmQueue logoCrmQueue;
    @Autowired
    BrokerManagement management;
    @Autowired
    CamelContext camel;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void healthyCrm() {
        LOGO_CRM.unauthorized(false);
        LOGO_CRM.failNext(0);
    }

    @Test
    void anAnsweredCallIsPushedWithTheMappedAgentTheNationalCallerIdAndTheCallersChoice() throws Exception {
        String call = callId();
        get("/flexfone/module/keuzemenu?token=demo-token&uniquecallid=" + call + "&callerid=4586515151&input=8");

        answered(call, "201", "%2B4586515151");

        FakeLogoCrm.Request push = awaitPush(call);
        assertThat(push.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(push.body()).isEqualTo("{\"callUniqueId\":\"" + call + "\",\"extension\":\"201\","
                + "\"agentId\":\"anna.vandenberg\",\"callerId\":\"086515151\",\"keypress\":\"3\"}");
    }

    @Test
    void withoutAChoiceTheKeypressIs1AndAnUnmappedEmployeeIsSentByLocalNumber() throws Exception {
        String call = callId();

        answered(call, "202", "86515151");

        assertThat(awaitPush(call).body()).isEqualTo("{\"callUniqueId\":\"" + call + "\",\"extension\":\"202\","
                + "\"agentId\":\"202\",\"callerId\":\"086515151\",\"keypress\":\"1\"}");
    }

    @Test
    void aServerErrorIsRetriedUntilLogoCrmAcceptsAndTheCallIsPushedOnce() throws Exception {
        String call = callId();
        LOGO_CRM.failNext(2);
        int attemptsBefore = LOGO_CRM.attempts();

        answered(call, "201", "86515151");
        answered(call, "201", "86515151");

        awaitPush(call);
        assertThat(LOGO_CRM.attempts() - attemptsBefore).isEqualTo(3);
        Thread.sleep(1500);
        assertThat(LOGO_CRM.accepted().stream().filter(r -> r.body().contains(call))).hasSize(1);
    }

    @Test
    void aPushWhoseRecordFailsIsDoneAndNotPushedAgain() throws Exception {
        String call = callId();
        int attemptsBefore = LOGO_CRM.attempts();
        // Logo CRM accepts the push, and the bus cannot record it: its table is gone for the moment
        LOGO_CRM.beforeNextAcceptance(() -> jdbc.execute("ALTER TABLE bus.logocrm_delivery RENAME TO logocrm_delivery_away"));
        try {
            answered(call, "201", "86515151");
            awaitPush(call);
            Thread.sleep(1500);
        } finally {
            jdbc.execute("ALTER TABLE bus.logocrm_delivery_away RENAME TO logocrm_delivery");
        }
        // a failed delivery would be retried 0.5, 1.5 and 3.5 s after the push, and pushed again once the table is back
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> LOGO_CRM.attempts() - attemptsBefore == 1);
        assertThat(LOGO_CRM.accepted().stream().filter(r -> r.body().contains(call))).hasSize(1);
    }

    @Test
    void unauthorizedIsDeadLetteredAtOnceWithTheFix() throws Exception {
        String call = callId();
        LOGO_CRM.unauthorized(true);
        int attemptsBefore = LOGO_CRM.attempts();

        answered(call, "201", "86515151");

        try (BrokerClient client = new BrokerClient(broker.clientUrl())) {
            Message dead = await().atMost(Duration.ofSeconds(15)).until(() -> deadLetter(client, call), m -> m != null);
            assertThat(dead.getStringProperty("SwitchboardFailure")).contains("401").contains("web.config")
                    .contains("<allow users=\"*\" />");
            assertThat(dead.getStringProperty("_AMQ_ORIG_QUEUE")).isEqualTo("calls.logocrm");
        }
        assertThat(LOGO_CRM.attempts() - attemptsBefore).as("not retried").isEqualTo(1);
    }

    @Test
    void whileThePushIsDisabledNoAnsweredCallWaitsForItAndEnabledItTakesOnlyAnsweredCalls() throws Exception {
        String held = callId();
        String answeredLater = callId();
        camel.getRouteController().stopRoute("calls-to-logocrm");
        try (BrokerClient client = new BrokerClient(broker.clientUrl())) {
            answered(held, "201", "86515151");
            await().atMost(Duration.ofSeconds(5)).until(() -> queued(client, held));

            logoCrmQueue.align(false);
            assertThat(queueNames()).doesNotContain("calls.logocrm");
            answered(callId(), "201", "86515151");

            logoCrmQueue.align(true);
            assertThat(queueNames()).contains("calls.logocrm");
            assertThat(client.browse("calls::calls.logocrm")).as("what waited went with the queue").isEmpty();
            assertThat(get("/flexfone/employee/incoming?token=demo-token&AccountId=4711&UniqueCallId=" + callId()
                    + "&Calledphone=70203040&ANumber=86515151&TimeStamp=2026-11-22%2010:15:30&EmployeeLocalNumber=201")
                    .statusCode()).isEqualTo(200);
            answered(answeredLater, "201", "86515151");
            await().atMost(Duration.ofSeconds(5)).until(() -> queued(client, answeredLater));
            assertThat(client.browse("calls::calls.logocrm")).as("only the answered call").hasSize(1);
        } finally {
            camel.getRouteController().startRoute("calls-to-logocrm");
        }
        awaitPush(answeredLater);
        assertThat(LOGO_CRM.accepted()).noneMatch(r -> r.body().contains("\"callUniqueId\":\"" + held + "\""));
    }

    private static boolean queued(BrokerClient client, String call) throws Exception {
        for (Message message : client.browse("calls::calls.logocrm")) {
            if (((TextMessage) message).getText().contains("\"subject\":\"" + call + "\"")) {
                return true;
            }
        }
        return false;
    }

    private List<Object> queueNames() throws Exception {
        return Arrays.asList((Object[]) management.onBroker("getQueueNames"));
    }

    private static Message deadLetter(BrokerClient client, String call) throws Exception {
        for (Message message : client.browse("DLQ.calls")) {
            if (((TextMessage) message).getText().contains("\"subject\":\"" + call + "\"")
                    && message.getStringProperty("SwitchboardFailure") != null) {
                return message;
            }
        }
        return null;
    }

    private FakeLogoCrm.Request awaitPush(String call) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> LOGO_CRM.accepted().stream()
                .filter(r -> r.body().contains("\"callUniqueId\":\"" + call + "\"")).findFirst().orElse(null), r -> r != null);
    }

    private void answered(String call, String employee, String caller) throws Exception {
        assertThat(get("/flexfone/employee/answered?token=demo-token&AccountId=4711&UniqueCallId=" + call
                + "&EmployeeLocalNumber=" + employee + "&ANumber=" + caller + "&TimeStamp=2026-11-22%2010:15:30").statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String callId() {
        return Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000) + ".7";
    }
}
