package nl.switchboard.allegro.telefoon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.xml.ws.WebServiceException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.allegro.telefoon.ws.AllegroGetVrijOpneembareReserveringenResponse;
import nl.switchboard.allegro.telefoon.ws.AllegroLoginResponse;
import nl.switchboard.allegro.telefoon.ws.AllegroOpnameReserveringResponse;
import nl.switchboard.allegro.telefoon.ws.TKlant;
import nl.switchboard.allegro.telefoon.ws.TUserInfo;
import nl.switchboard.broker.EmbeddedBroker;
import nl.switchboard.support.BrokerClient;
import nl.switchboard.support.BusHttp;
import nl.switchboard.support.BusTest;
import nl.switchboard.support.DemoBalances;

/** The TelefoonService through a real SOAP client over HTTP, against the demo data of seed 000. */
class TelefoonServiceTest extends BusTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EmbeddedBroker broker;
    @Autowired
    ObjectMapper canonicalObjectMapper;
    @Autowired
    CamelContext camel;

    private TelefoonClient client() {
        return new TelefoonClient("http://127.0.0.1:" + port + "/ws/TelefoonService");
    }

    @AfterEach
    void restoreParametersAndFailures() {
        jdbc.update("UPDATE allegro.parameter SET waarde = 'Ja' WHERE nummer = 197");
        jdbc.update("UPDATE allegro.parameter SET waarde = '4;7' WHERE nummer = 329");
        jdbc.update("DELETE FROM bus.telefoon_login_failure");
    }

    @Test
    void bothPathsAnswerOnTheCallingThreadWithoutCxfsContinuation() {
        for (String route : List.of("allegro-telefoon-soap", "allegro-telefoon-soap-delphi-path")) {
            assertThat(((CxfEndpoint) camel.getRoute(route).getEndpoint()).isSynchronous()).as(route).isTrue();
        }
    }

    // --- AllegroLogin ---

    @Test
    void loginAnswersTrueAndASessionInTheHeader() {
        TelefoonClient client = client();
        AllegroLoginResponse response = client.login(4599);

        assertThat(response.isReturn()).isTrue();
        assertNoError(response.getUserInfo());
        assertThat(client.session()).matches("[0-9a-f-]{36}");
        assertThat(jdbc.queryForObject("SELECT relatiecode FROM bus.telefoon_session WHERE session_guid = ?",
                Integer.class, client.session())).isEqualTo(4599);
    }

    @Test
    void loginChecksAanmeldcodeThenWachtwoordThenRelatie() {
        assertLoginError(client().login("onbekend", "fout", 77777), 1001, "Aanmeldcode niet juist");
        assertLoginError(client().login("ivr", "fout", 77777), 1002, "Wachtwoord niet juist");
        assertLoginError(client().login("ivr", "demo-wachtwoord", 77777), 1003,
                "Klant kan niet gevonden worden (relatiecode komt niet voor in Allegro)");
        assertLoginError(client().login("ivr", "demo-wachtwoord", 5000), 1004, "Relatie is een organisatie");
    }

    @Test
    void repeatedFailedLoginsForOneRelatiecodeAreThrottled() {
        for (int i = 0; i < 5; i++) {
            assertLoginError(client().login("ivr", "geraden-" + i, 4602), 1002, "Wachtwoord niet juist");
        }
        assertThatThrownBy(() -> client().login(4602))
                .isInstanceOf(WebServiceException.class)
                .hasMessageContaining("Te veel mislukte aanmeldpogingen");
        // another caller is not affected
        assertThat(client().login(4599).isReturn()).isTrue();
    }

    @Test
    void withParameter197OffEveryCallIsRefused() {
        TelefoonClient client = client();
        client.login(4599);
        jdbc.update("UPDATE allegro.parameter SET waarde = 'Nee' WHERE nummer = 197");

        assertThatThrownBy(() -> client().login(4599)).isInstanceOf(WebServiceException.class)
                .hasMessageContaining("parameter 197");
        assertThatThrownBy(client::getKlant).isInstanceOf(WebServiceException.class)
                .hasMessageContaining("parameter 197");
    }

    // --- sessions ---

    @Test
    void anOperationWithoutSessionHeaderIsAFault() {
        assertThatThrownBy(() -> client().withSession(null).getKlant())
                .isInstanceOf(WebServiceException.class).hasMessageContaining("Geen sessie");
    }

    @Test
    void aSessionHeaderAgainstTheSchemaIsAFaultBetweenValidOnes() throws Exception {
        TelefoonClient client = client();
        client.login(4599);
        BusHttp http = new BusHttp(port);
        String valid = "<tel:sessionguid>" + client.session() + "</tel:sessionguid>";
        String withAnElement = "<tel:sessionguid><tel:guid>" + client.session() + "</tel:guid></tel:sessionguid>";

        for (String header : List.of(valid, withAnElement, valid, withAnElement, valid)) {
            HttpResponse<String> answer = http.post("/ws/TelefoonService", null, "text/xml; charset=utf-8",
                    "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                            + "xmlns:tel=\"urn:TelefoonServiceIntf-ITelefoonService\"><soapenv:Header>" + header
                            + "</soapenv:Header><soapenv:Body><tel:AllegroTelefoonGetKlant/></soapenv:Body></soapenv:Envelope>");
            if (header.equals(valid)) {
                assertThat(answer.statusCode()).as(header).isEqualTo(200);
            } else {
                assertThat(answer.statusCode()).as(header).isEqualTo(500);
                assertThat(answer.body()).contains("<faultcode>soap:Client</faultcode>", "cvc-type.3.1.2")
                        .doesNotContain("\tat ");
            }
        }
    }

    @Test
    void anUnknownSessionIsAFault() {
        assertThatThrownBy(() -> client().withSession("00000000-0000-0000-0000-000000000000").getReserveringen())
                .isInstanceOf(WebServiceException.class).hasMessageContaining("Onbekende sessie");
    }

    @Test
    void aSessionIdleLongerThanTheTimeoutHasExpired() {
        TelefoonClient client = client();
        client.login(4599);
        jdbc.update("UPDATE bus.telefoon_session SET last_used_at = last_used_at - INTERVAL '16' MINUTE "
                + "WHERE session_guid = ?", client.session());

        assertThatThrownBy(client::getKlant).isInstanceOf(WebServiceException.class)
                .hasMessageContaining("Sessie verlopen na 15 minuten");
        assertThatThrownBy(client::getKlant).hasMessageContaining("Onbekende sessie");
    }

    @Test
    void aCallRestartsTheIdleTime() {
        TelefoonClient client = client();
        client.login(4599);
        idleFor(client, 14);
        client.getKlant();
        idleFor(client, 14);

        assertThat(client.getKlant().getReturn().getRelatiecode()).isEqualTo(4599);
    }

    @Test
    void callsSecondsApartWriteTheTimeOfUseOnce() {
        TelefoonClient client = client();
        client.login(4599);
        OffsetDateTime loggedIn = lastUsedAt(client);

        client.getKlant();
        client.getReserveringen();

        assertThat(lastUsedAt(client)).isEqualTo(loggedIn);
    }

    @Test
    void sessionsLongEndedAndFailedLoginsThatNoLongerCountAreSwept() {
        TelefoonClient live = client();
        live.login(4599);
        TelefoonClient endedToday = client();
        endedToday.login(4599);
        idleFor(endedToday, 16);
        TelefoonClient endedYesterday = client();
        endedYesterday.login(4599);
        idleFor(endedYesterday, 15 + 24 * 60 + 1);
        OffsetDateTime now = OffsetDateTime.now();
        String failure = "INSERT INTO bus.telefoon_login_failure (relatiecode, client_address, failed_at) VALUES (4600, ?, ?)";
        jdbc.update(failure, "outside the window", now.minusMinutes(16));
        jdbc.update(failure, "within the window", now.minusMinutes(14));

        // the sweeper's timer runs every second in the tests
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM bus.telefoon_session WHERE session_guid = ?",
                    Integer.class, endedYesterday.session())).isZero();
            assertThat(jdbc.queryForList("SELECT client_address FROM bus.telefoon_login_failure", String.class))
                    .containsExactly("within the window");
        });
        assertThat(live.getKlant().getReturn().getRelatiecode()).isEqualTo(4599);
        assertThatThrownBy(endedToday::getKlant).hasMessageContaining("Sessie verlopen na 15 minuten");
    }

    private void idleFor(TelefoonClient client, int minutes) {
        jdbc.update("UPDATE bus.telefoon_session SET last_used_at = ? WHERE session_guid = ?",
                lastUsedAt(client).minusMinutes(minutes), client.session());
    }

    private OffsetDateTime lastUsedAt(TelefoonClient client) {
        return jdbc.queryForObject("SELECT last_used_at FROM bus.telefoon_session WHERE session_guid = ?",
                OffsetDateTime.class, client.session());
    }

    @Test
    void aSessionCannotWithdrawForAnotherRelatie() {
        TelefoonClient client = client();
        client.login(4599);

        assertThatThrownBy(() -> client.opname(4602, 7, "10.00", "wrRelatie"))
                .isInstanceOf(WebServiceException.class).hasMessageContaining("hoort niet bij deze sessie");
    }

    @Test
    void theServiceIsAlsoAtTheDelphiPath() {
        TelefoonClient client = new TelefoonClient("http://127.0.0.1:" + port + "/soap/ITelefoonService");
        assertThat(client.login(4599).isReturn()).isTrue();
        assertThat(client.getKlant().getReturn().getRelatiecode()).isEqualTo(4599);
    }

    // --- AllegroTelefoonGetKlant ---

    @Test
    void klantWithACurrentBbrHasItsEmployeeFirstTeamCompanyAndPincode() {
        TelefoonClient client = client();
        client.login(4599);
        TKlant klant = client.getKlant().getReturn();

        assertThat(klant.getRelatiecode()).isEqualTo(4599);
        assertThat(klant.getPincode()).isEqualTo(4321);
        assertThat(klant.isBuitenGebruik()).isFalse();
        assertThat(klant.getKlantZoeknaam()).isEqualTo("Pietersen, J.");
        assertThat(klant.getKlantGemeente()).isEqualTo("Enschede");
        assertThat(klant.getBBRStatus()).isEqualTo("Actueel");
        assertThat(klant.getBBRMedewerkerCode()).isEqualTo("AVDBERG");
        assertThat(klant.getBBRMedewerkerTeam()).isEqualTo("Budgetbeheer Team A");
        assertThat(klant.getBBRMedewerkerBedrijf()).isEqualTo("Kred'it Schuldhulpverlening Oost");
        assertThat(klant.getBBRAanvraagStatus()).isNull();
        assertThat(klant.getSRStatus()).isNull();
        assertThat(klant.getPLStatus()).isNull();
        assertThat(klant.getCasusStatus()).isNull();
    }

    @Test
    void klantWithARecentlyHistoricBbrAnSrApplicationACurrentPlAndACasus() {
        TelefoonClient client = client();
        client.login(4602);
        TKlant klant = client.getKlant().getReturn();

        assertThat(klant.getBBRStatus()).isEqualTo("Historie");
        assertThat(klant.getBBRMedewerkerCode()).isEqualTo("AVDBERG");
        assertThat(klant.getPincode()).as("pincode only with a current BBR").isNull();
        assertThat(klant.getSRAanvraagStatus()).isEqualTo("Aanvraag");
        assertThat(klant.getSRAanvraagMedewerkerCode()).isEqualTo("PDEVRIES");
        assertThat(klant.getSRAanvraagMedewerkerTeam()).isEqualTo("Schuldregeling");
        assertThat(klant.getSRStatus()).isNull();
        assertThat(klant.getPLStatus()).isEqualTo("Actueel");
        assertThat(klant.getPLMedewerkerCode()).isEqualTo("MJANSEN");
        assertThat(klant.getPLMedewerkerBedrijf()).isEqualTo("Gemeentelijke Kredietbank Noord");
        assertThat(klant.getCasusStatus()).isEqualTo("Slapend");
        assertThat(klant.getCasusStatusDatum().toGregorianCalendar().toZonedDateTime().toLocalDate())
                .isEqualTo(LocalDate.now().minusDays(14));
        assertThat(klant.getCasusMedewerkerCode()).isEqualTo("KBAKKER");
        assertThat(klant.getCasusMedewerkerTeam()).isEqualTo("Leningen en Bewind");
    }

    @Test
    void theMostRecentContractCountsAndOldHistoryStoppedCasesAndLongNamesAreHandled() {
        int relatie = 9101;
        jdbc.update("INSERT INTO allegro.relatie (relatiecode, soort, zoeknaam) VALUES (?, 'Persoon', ?)",
                relatie, "Een zoeknaam die veel langer is dan de zestig tekens die de TelefoonService toestaat");
        jdbc.update("INSERT INTO allegro.adres (relatiecode, soort, gemeente, toelichting) VALUES (?, 'Bezoekadres', ?, 'geen pin')",
                relatie, "Een gemeente met een naam van meer dan veertig tekens");
        contract(relatie, "SR-NPS", "Contract", "PDEVRIES", 300, null);
        contract(relatie, "SR-NPS", "Contract", "MJANSEN", 100, null);
        contract(relatie, "SR-NPS", "Aanvraag", "KBAKKER", 5, null);
        contract(relatie, "BBR", "Contract", "AVDBERG", 400, 43);
        contract(relatie, "BBR", "Aanvraag", "AVDBERG", 30, 2);
        contract(relatie, "BW", "Aanvraag", "PDEVRIES", 20, null);
        contract(relatie, "BW", "Aanvraag", "KBAKKER", 10, null);
        jdbc.update("INSERT INTO allegro.casus (relatiecode, status, status_datum, medewerker_code, gestopt) "
                + "VALUES (?, 'Fiattering', CURRENT_DATE, 'KBAKKER', TRUE)", relatie);
        jdbc.update("INSERT INTO allegro.casus (relatiecode, status, status_datum, medewerker_code, afgewezen) "
                + "VALUES (?, 'Intake', CURRENT_DATE, 'KBAKKER', TRUE)", relatie);

        TelefoonClient client = client();
        client.login(relatie);
        TKlant klant = client.getKlant().getReturn();

        assertThat(klant.getKlantZoeknaam()).hasSize(60).startsWith("Een zoeknaam die veel langer");
        assertThat(klant.getKlantGemeente()).hasSize(40);
        assertThat(klant.getSRNPSStatus()).isEqualTo("Actueel");
        assertThat(klant.getSRNPSMedewerkerCode()).as("the most recent contract").isEqualTo("MJANSEN");
        assertThat(klant.getSRNPSAanvraagStatus()).isEqualTo("Aanvraag");
        assertThat(klant.getSRNPSAanvraagMedewerkerCode()).isEqualTo("KBAKKER");
        assertThat(klant.getBWAanvraagMedewerkerCode()).as("the most recent application").isEqualTo("KBAKKER");
        assertThat(klant.getBWStatus()).isNull();
        assertThat(klant.getBBRStatus()).as("historic 43 days ago is more than six weeks").isNull();
        assertThat(klant.getBBRAanvraagStatus()).as("a historic application is no application").isNull();
        assertThat(klant.getPincode()).isNull();
        assertThat(klant.getCasusStatus()).as("stopped and rejected cases are not shown").isNull();
    }

    // --- AllegroGetVrijOpneembareReserveringen ---

    @Test
    void reserveringenAreThePrsOnesOfParameter329WithThePaymentMethods() {
        DemoBalances.restore(jdbc);
        TelefoonClient client = client();
        client.login(4599);
        AllegroGetVrijOpneembareReserveringenResponse response = client.getReserveringen();

        assertNoError(response.getUserInfo());
        assertThat(response.getReturn().getItem()).extracting(r -> r.getNummer() + " " + r.getOmschrijving() + " " + r.getSaldo())
                .containsExactly("4 Vakantiegeld 250.00", "7 Kleding 80.50");
        assertThat(response.getBetaalwijzeRelatie()).isEqualTo("NL91ABNA0417164300");
        assertThat(response.getBetaalwijzePartner()).isEqualTo("Prepaid Debit Card");
    }

    @Test
    void parameter329ChangedInAllegroAppliesToTheNextRequestOfASession() {
        TelefoonClient client = client();
        client.login(4599);
        assertThat(client.getReserveringen().getReturn().getItem()).extracting(r -> r.getNummer()).containsExactly(4, 7);

        jdbc.update("UPDATE allegro.parameter SET waarde = '7' WHERE nummer = 329");

        assertThat(client.getReserveringen().getReturn().getItem()).extracting(r -> r.getNummer()).containsExactly(7);
    }

    @Test
    void paymentMethodIsBbanWithoutIbanAndEmptyForKasAndWithoutPartner() {
        TelefoonClient kas = client();
        kas.login(4601);
        AllegroGetVrijOpneembareReserveringenResponse response = kas.getReserveringen();
        assertThat(response.getBetaalwijzeRelatie()).isEmpty();
        assertThat(response.getBetaalwijzePartner()).isEmpty();

        TelefoonClient bban = client();
        bban.login(4602);
        assertThat(bban.getReserveringen().getBetaalwijzeRelatie()).isEqualTo("123456789");
    }

    // --- AllegroOpnameReservering ---

    @Test
    void aWithdrawalWritesThePortierMutationAndPutsTheRequestOnTheBroker() throws Exception {
        TelefoonClient client = client();
        client.login(4599);

        // the Portier route would book it at once: hold it, to see the message as it lies on the queue
        camel.getRouteController().stopRoute("portier-book-withdrawal");
        AllegroOpnameReserveringResponse response;
        JsonNode event;
        Map<String, Object> row;
        try {
            response = client.opname(4599, 4, "25.00", "wrRelatie");
            row = jdbc.queryForMap("SELECT * FROM allegro.portier_mutatie WHERE relatiecode = 4599 "
                    + "AND bedrag = 25.00 ORDER BY id DESC LIMIT 1");
            event = messageOnPortierQueue((String) row.get("event_id"));
        } finally {
            camel.getRouteController().startRoute("portier-book-withdrawal");
        }

        assertThat(response.isReturn()).isTrue();
        assertNoError(response.getUserInfo());
        assertThat(row).containsEntry("soort_koppeling", "Telefoon")
                .containsEntry("soort_mutatie", "Opname reservering eigen rekening")
                .containsEntry("oude_waarde", "Relatiecode: 4599 Nummer reservering: 4 Bedrag: 25,00 Betaalwijze: Relatie")
                .containsEntry("nieuwe_waarde", "Relatiecode: 4599 Nummer reservering: 4 Bedrag: 25,00 Betaalwijze: Relatie")
                .containsEntry("reservering_nummer", 4)
                .containsEntry("welke_rekening", "Relatie");
        assertThat(row.get("medewerker_uitvoering")).isNull();
        assertThat(row.get("datum_uitvoering")).isNull();
        assertThat(row.get("uitvoering_automatisch")).isNull();
        assertThat(row.get("doorgevoerd")).isNull();
        assertThat((BigDecimal) row.get("bedrag")).isEqualByComparingTo("25.00");

        assertThat(event.path("type").asText()).isEqualTo("allegro.withdrawal.requested");
        assertThat(event.path("source").asText()).isEqualTo("/allegro/telefoon");
        assertThat(event.path("subject").asText()).isEqualTo("4599");
        assertThat(event.at("/data/mutationId").asLong()).isEqualTo(((Number) row.get("id")).longValue());
        assertThat(event.at("/data/reserveringNummer").asInt()).isEqualTo(4);
        assertThat(event.at("/data/amount").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(event.at("/data/amount").toString()).isEqualTo("25.00");
        assertThat(event.at("/data/account").asText()).isEqualTo("relatie");
        // on the broker before true was answered (above); recorded as sent in the next batch
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT verzonden_op FROM allegro.portier_mutatie WHERE id = ?", OffsetDateTime.class, row.get("id")))
                .isNotNull());
    }

    @Test
    void theSameWithdrawalRepeatedInOneSessionIsWrittenOnce() {
        TelefoonClient client = client();
        client.login(4599);

        assertThat(client.opname(4599, 7, "11.11", "wrPartner").isReturn()).isTrue();
        assertThat(client.opname(4599, 7, "11.11", "wrPartner").isReturn()).isTrue();

        assertThat(jdbc.queryForObject("SELECT count(*) FROM allegro.portier_mutatie WHERE relatiecode = 4599 "
                + "AND bedrag = 11.11", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT nieuwe_waarde FROM allegro.portier_mutatie WHERE relatiecode = 4599 "
                + "AND bedrag = 11.11", String.class))
                .isEqualTo("Relatiecode: 4599 Nummer reservering: 7 Bedrag: 11,11 Betaalwijze: Partner");
    }

    @Test
    void withdrawalErrors1005To1009() {
        TelefoonClient pietersen = client();
        pietersen.login(4599);
        assertOpnameError(pietersen.opname(4599, 9, "10.00", "wrRelatie"), 1005,
                "Geen vrij opneembare reservering met dit nummer");
        assertOpnameError(pietersen.opname(4599, 4, "250.01", "wrRelatie"), 1006,
                "Saldo reservering te laag voor gewenst opnamebedrag");
        assertOpnameError(pietersen.opname(4599, 4, "10.00", "wrBuurman"), 1008,
                "Indicatie betaalwijze niet juist gevuld");

        TelefoonClient kasmeijer = client();
        kasmeijer.login(4601);
        assertOpnameError(kasmeijer.opname(4601, 4, "10.00", "wrPartner"), 1007,
                "Rekening partner gekozen, maar er is geen partner");
        assertOpnameError(kasmeijer.opname(4601, 4, "10.00", "wrRelatie"), 1009,
                "Indicatie betaalwijze niet mogelijk");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM allegro.portier_mutatie WHERE relatiecode = 4601",
                Integer.class)).isZero();
    }

    @Test
    void anAmountMustBePositiveWithAtMostTwoDecimals() {
        TelefoonClient client = client();
        client.login(4599);

        assertThatThrownBy(() -> client.opname(4599, 4, "0.00", "wrRelatie")).isInstanceOf(WebServiceException.class);
        assertThatThrownBy(() -> client.opname(4599, 4, "-5", "wrRelatie")).isInstanceOf(WebServiceException.class);
        assertThatThrownBy(() -> client.opname(4599, 4, "1.005", "wrRelatie")).isInstanceOf(WebServiceException.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM allegro.portier_mutatie WHERE bedrag <= 0 OR bedrag = 1.01",
                Integer.class)).isZero();
    }

    private JsonNode messageOnPortierQueue(String eventId) throws Exception {
        try (BrokerClient client = new BrokerClient(broker.clientUrl())) {
            List<Message> messages = client.browse("portier.mutations");
            for (Message message : messages) {
                JsonNode event = canonicalObjectMapper.readTree(((TextMessage) message).getText());
                if (eventId.equals(event.path("id").asText())) {
                    return event;
                }
            }
        }
        throw new AssertionError("no message with id " + eventId + " on portier.mutations");
    }

    private void contract(int relatie, String product, String soort, String medewerker, int begonnenDagenGeleden,
                          Integer historieDagenGeleden) {
        jdbc.update("INSERT INTO allegro.contract (relatiecode, product, soort, medewerker_code, begindatum, historie_datum) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", relatie, product, soort, medewerker,
                LocalDate.now().minusDays(begonnenDagenGeleden),
                historieDagenGeleden == null ? null : LocalDate.now().minusDays(historieDagenGeleden));
    }

    private static void assertNoError(TUserInfo info) {
        assertThat(info.getExtraInfo()).isZero();
        assertThat(info.getExtraInfoOmschrijving()).isEmpty();
    }

    private static void assertLoginError(AllegroLoginResponse response, int code, String text) {
        assertThat(response.isReturn()).isFalse();
        assertThat(response.getUserInfo().getExtraInfo()).isEqualTo(code);
        assertThat(response.getUserInfo().getExtraInfoOmschrijving()).isEqualTo(text);
    }

    private static void assertOpnameError(AllegroOpnameReserveringResponse response, int code, String text) {
        assertThat(response.isReturn()).isFalse();
        assertThat(response.getUserInfo().getExtraInfo()).isEqualTo(code);
        assertThat(response.getUserInfo().getExtraInfoOmschrijving()).isEqualTo(text);
    }
}
