package nl.switchboard.allegro.telefoon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.validation.Schema;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.endpoint.ServerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.switchboard.support.BusTest;
import nl.switchboard.support.DemoBalances;

/** The request files of the README's curl examples, posted as curl posts them, answer what README shows. */
class SampleRequestsTest extends BusTest {

    private static final Path REQUESTS = Path.of("src/test/resources/requests");
    private static final Pattern SESSION = Pattern.compile("<sessionguid[^>]*>([^<]+)</sessionguid>");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Bus cxf;

    private final HttpClient http = HttpClient.newHttpClient();

    /** README shows the answers on fresh demo data; other tests book withdrawals from 4599. */
    @BeforeEach
    void freshDemoBalances() {
        DemoBalances.restore(jdbc);
    }

    @Test
    void theReadmeExamplesAnswerAsPrinted() throws Exception {
        String login = post(request("AllegroLogin.xml", null), 200);
        assertThat(login).contains("<return>true</return><UserInfo><ExtraInfo>0</ExtraInfo>");
        String session = sessionOf(login);

        assertThat(post(request("AllegroGetVrijOpneembareReserveringen.xml", session), 200))
                .contains("<item><Relatiecode>4599</Relatiecode><Nummer>4</Nummer><Omschrijving>Vakantiegeld</Omschrijving>"
                        + "<Saldo>250.00</Saldo></item><item><Relatiecode>4599</Relatiecode><Nummer>7</Nummer>"
                        + "<Omschrijving>Kleding</Omschrijving><Saldo>80.50</Saldo></item></return>"
                        + "<BetaalwijzeRelatie>NL91ABNA0417164300</BetaalwijzeRelatie>"
                        + "<BetaalwijzePartner>Prepaid Debit Card</BetaalwijzePartner>");
        assertThat(post(request("AllegroOpnameReservering.xml", session), 200))
                .contains("<AllegroOpnameReserveringResponse xmlns=\"urn:TelefoonServiceIntf-ITelefoonService\">"
                        + "<return>true</return>");
        assertThat(post(request("AllegroTelefoonGetKlant.xml", null), 500))
                .contains("<faultcode>soap:Client</faultcode><faultstring>Onbekende sessie: meld opnieuw aan met AllegroLogin");
    }

    @Test
    void theWsdlIsAlsoAtTheDelphiServersPath() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/wsdl/ITelefoonService")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("name=\"AllegroOpnameReservering\"")
                .contains("location=\"http://127.0.0.1:" + port + "/soap/ITelefoonService\"");
    }

    @Test
    void aDocumentTypeDeclarationIsRefused() throws Exception {
        String hostile = """
                <?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
                    xmlns:tel="urn:TelefoonServiceIntf-ITelefoonService"><soapenv:Body><tel:AllegroLogin>
                <tel:Aanmeldcode>&e;</tel:Aanmeldcode><tel:Wachtwoord>x</tel:Wachtwoord><tel:Relatiecode>1</tel:Relatiecode>
                </tel:AllegroLogin></soapenv:Body></soapenv:Envelope>""";

        String answer = post(hostile, 500);

        assertThat(answer).contains("<faultcode>soap:Client</faultcode>").doesNotContain("root:");
    }

    @Test
    void requestsTheSchemaRefusesAreClientFaultsAndWriteNothing() throws Exception {
        String login = request("AllegroLogin.xml", null);
        String opname = request("AllegroOpnameReservering.xml", sessionOf(post(login, 200)));
        int sessions = count("bus.telefoon_session");
        int mutations = count("allegro.portier_mutatie");

        for (String refused : new String[] {
                login.replace("<tel:Relatiecode>4599</tel:Relatiecode>", "<tel:Relatiecode>abc</tel:Relatiecode>"),
                login.replaceAll("<tel:Wachtwoord>[^<]*</tel:Wachtwoord>", ""),
                login.replace("</tel:AllegroLogin>", "<tel:Extra>1</tel:Extra></tel:AllegroLogin>"),
                opname.replace("<tel:Bedrag>25.00</tel:Bedrag>", "<tel:Bedrag>1.234</tel:Bedrag>"),
                opname.replace("<tel:Bedrag>25.00</tel:Bedrag>", "<tel:Bedrag>0.00</tel:Bedrag>"),
                opname.replace("<tel:Bedrag>25.00</tel:Bedrag>", "<tel:Bedrag>-5.00</tel:Bedrag>"),
                opname.replace("<tel:VolgnummerReservering>4</tel:VolgnummerReservering>", "")}) {
            assertThat(post(refused, 500)).as(refused).contains("<faultcode>soap:Client</faultcode>").doesNotContain("\tat ");
        }
        assertThat(count("bus.telefoon_session")).isEqualTo(sessions);
        assertThat(count("allegro.portier_mutatie")).isEqualTo(mutations);
    }

    @Test
    void everyRequestAfterARefusedOneIsValidatedAfresh() throws Exception {
        String login = request("AllegroLogin.xml", null);
        String refused = login.replace("<tel:Relatiecode>4599</tel:Relatiecode>", "<tel:Relatiecode>abc</tel:Relatiecode>");

        for (int round = 0; round < 20; round++) {
            assertThat(post(refused, 500)).contains("<faultcode>soap:Client</faultcode>");
            assertThat(post(login, 200)).contains("<return>true</return>");
        }
    }

    @Test
    void bothEndpointsValidateWithValidatorsTheirThreadsReuse() {
        List<Server> servers = cxf.getExtension(ServerRegistry.class).getServers().stream()
                .filter(server -> server.getEndpoint().getEndpointInfo().getAddress().endsWith("TelefoonService")).toList();

        assertThat(servers).extracting(server -> server.getEndpoint().getEndpointInfo().getAddress())
                .containsExactlyInAnyOrder("/TelefoonService", "/ITelefoonService");
        assertThat(servers).allSatisfy(server -> assertThat(server.getEndpoint().getService().getServiceInfos().get(0)
                .getProperty(Schema.class.getName())).isInstanceOf(ThreadReusedSchema.class));
    }

    private int count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
    }

    private static String sessionOf(String loginAnswer) {
        Matcher session = SESSION.matcher(loginAnswer);
        assertThat(session.find()).as(loginAnswer).isTrue();
        return session.group(1);
    }

    private static String request(String file, String session) throws Exception {
        String xml = Files.readString(REQUESTS.resolve(file));
        return session == null ? xml : xml.replace("SESSION", session);
    }

    private String post(String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ws/TelefoonService"))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return response.body();
    }
}
