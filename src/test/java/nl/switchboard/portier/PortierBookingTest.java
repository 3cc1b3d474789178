package nl.switchboard.portier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.TextMessage;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.allegro.telefoon.OpnameReservering;
import nl.switchboard.allegro.telefoon.WithdrawalRequests;
import nl.switchboard.broker.EmbeddedBroker;
import nl.switchboard.canonical.CanonicalEvent;
import nl.switchboard.support.BrokerClient;
import nl.switchboard.support.BusTest;

/**
 * The Portier booking against the real broker and database: withdrawal requests are put on
 * portier.mutations as the TelefoonService puts them, with their mutation rows.
 */
class PortierBookingTest extends BusTest {

    private static final AtomicInteger RELATIECODES = new AtomicInteger(9300);
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    EmbeddedBroker broker;
    @Autowired
    ObjectMapper canonicalObjectMapper;
    @Autowired
    MeterRegistry meters;
    @Autowired
    PortierRedelivery redelivery;
    @Autowired
    WithdrawalRequests withdrawalRequests;

    @AfterEach
    void restoreParameters() {
        jdbc.update("UPDATE allegro.parameter SET waarde = 'Ja' WHERE nummer IN (390, 392)");
        if (!"3".equals(jdbc.queryForObject("SELECT waarde FROM allegro.parameter WHERE nummer = 353", String.class))) {
            jdbc.update("UPDATE allegro.parameter SET waarde = '3' WHERE nummer = 353");
            redelivery.apply();
        }
    }

    @Test
    void aWithdrawalIsBookedWithEveryRowAndTheNewBalance() throws Exception {
        int relatie = klant("Rekening", false, "150.00", true);
        long mutation = mutatie(relatie, "Relatie", "40.25");

        publish(relatie, mutation);

        awaitProcessed(mutation);
        Map<String, Object> row = mutationRow(mutation);
        assertThat(row).containsEntry("doorgevoerd", true).containsEntry("uitvoering_automatisch", true)
                .containsEntry("medewerker_uitvoering", "PORTIER").containsEntry("pogingen", 1);
        assertThat(row.get("reden")).isNull();
        assertThat(row.get("datum_uitvoering")).isNotNull();
        assertThat(row.get("tijdstip_uitvoering")).isNotNull();

        String omschrijving = "Opnameverzoek via telefoon " + ((OffsetDateTime) jdbc.queryForObject(
                "SELECT aangemaakt_op FROM allegro.portier_mutatie WHERE id = ?", OffsetDateTime.class, mutation))
                .atZoneSameInstant(AMSTERDAM).format(DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm"));
        assertThat(jdbc.queryForList("SELECT soort, bedrag, omschrijving, tegenrekening FROM allegro.prs_mutatie "
                + "WHERE portier_mutatie_id = ? ORDER BY id", mutation))
                .extracting(r -> r.get("soort") + "|" + r.get("bedrag") + "|" + r.get("omschrijving") + "|" + r.get("tegenrekening"))
                .containsExactly("Bij|40.25|" + omschrijving + "|null", "Af|40.25|" + omschrijving + "|NL02RABO0123456789");
        assertThat(jdbc.queryForMap("SELECT debet_rekening, credit_rekening, bedrag, omschrijving FROM allegro.grootboek_mutatie "
                + "WHERE portier_mutatie_id = ?", mutation))
                .containsEntry("debet_rekening", "Reserveringen").containsEntry("credit_rekening", "Crediteuren")
                .containsEntry("bedrag", new BigDecimal("40.25")).containsEntry("omschrijving", omschrijving);
        assertThat(jdbc.queryForMap("SELECT begunstigde_relatiecode, betaalwijze, bedrag, omschrijving, status "
                + "FROM allegro.betaalpost WHERE portier_mutatie_id = ?", mutation))
                .containsEntry("begunstigde_relatiecode", relatie).containsEntry("betaalwijze", "NL02RABO0123456789")
                .containsEntry("bedrag", new BigDecimal("40.25")).containsEntry("omschrijving", omschrijving)
                .containsEntry("status", "Open");
        assertThat(saldo(relatie)).isEqualByComparingTo("109.75");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM allegro.taak WHERE portier_mutatie_id = ?", Integer.class, mutation)).isZero();
        awaitOutcomeJournalled(mutation, PortierBooking.BOOKED);
    }

    @Test
    void aWithdrawalToThePartnerPaysThePartner() throws Exception {
        int partner = klant("BNG Prepaid Kaart", false, "0.00", false);
        int relatie = klant("Kas", false, "50.00", true);
        jdbc.update("UPDATE allegro.relatie SET partner_relatiecode = ? WHERE relatiecode = ?", partner, relatie);
        long mutation = mutatie(relatie, "Partner", "50.00");

        publish(relatie, mutation);

        awaitProcessed(mutation);
        assertThat(mutationRow(mutation)).containsEntry("doorgevoerd", true);
        assertThat(jdbc.queryForMap("SELECT begunstigde_relatiecode, betaalwijze FROM allegro.betaalpost WHERE portier_mutatie_id = ?",
                mutation)).containsEntry("begunstigde_relatiecode", partner).containsEntry("betaalwijze", "BNG Prepaid Kaart");
        assertThat(saldo(relatie)).isEqualByComparingTo("0.00");
    }

    @Test
    void refusalsAreRecordedWithTheirReasonAndATaskForTheBbrEmployee() throws Exception {
        assertRefused(klant("Rekening", false, "10.00", true), "Relatie", "10.01", "Saldo reservering te laag", true);
        assertRefused(klant("Rekening", true, "100.00", true), "Relatie", "10.00", "geblokkeerd", true);
        assertRefused(klant("Cheque", false, "100.00", true), "Relatie", "10.00", "Cheque: geen rekening of prepaid kaart", true);
        assertRefused(klant("Rekening", false, "100.00", true), "Partner", "10.00", "geen partner", true);
    }

    @Test
    void withoutParameter390ARefusalSetsNoTask() throws Exception {
        jdbc.update("UPDATE allegro.parameter SET waarde = 'Nee' WHERE nummer = 390");
        assertRefused(klant("Kas", false, "100.00", true), "Relatie", "10.00", "Kas: geen rekening", false);
        assertRefused(klant("Rekening", false, "5.00", true), "Relatie", "10.00", "Saldo reservering te laag", false);
    }

    @Test
    void withoutParameter392TheMutationWaitsForAnOperator() throws Exception {
        jdbc.update("UPDATE allegro.parameter SET waarde = 'Nee' WHERE nummer = 392");
        int relatie = klant("Rekening", false, "100.00", true);
        long mutation = mutatie(relatie, "Relatie", "10.00");

        publish(relatie, mutation);

        await().atMost(Duration.ofSeconds(10)).until(() -> portierQueueIsEmpty());
        assertThat(mutationRow(mutation).get("doorgevoerd")).isNull();
        assertThat(saldo(relatie)).isEqualByComparingTo("100.00");
    }

    @Test
    void theSameMessageDeliveredTwiceBooksOnce() throws Exception {
        int relatie = klant("Rekening", false, "100.00", true);
        long mutation = mutatie(relatie, "Relatie", "30.00");

        publish(relatie, mutation);
        publish(relatie, mutation);

        awaitProcessed(mutation);
        await().atMost(Duration.ofSeconds(10)).until(() -> portierQueueIsEmpty());
        assertThat(saldo(relatie)).isEqualByComparingTo("70.00");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM allegro.prs_mutatie WHERE portier_mutatie_id = ?",
                Integer.class, mutation)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM allegro.betaalpost WHERE portier_mutatie_id = ?",
                Integer.class, mutation)).isEqualTo(1);
    }

    @Test
    void concurrentWithdrawalsNeverOverdrawTheReservering() throws Exception {
        int relatie = klant("Rekening", false, "150.00", true);
        long[] mutations = new long[20];
        for (int i = 0; i < mutations.length; i++) {
            mutations[i] = mutatie(relatie, "Relatie", "10.00");
        }
        for (long mutation : mutations) {
            publish(relatie, mutation);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM allegro.portier_mutatie WHERE relatiecode = ? AND doorgevoerd IS NOT NULL",
                Integer.class, relatie) == 20);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM allegro.portier_mutatie WHERE relatiecode = ? AND doorgevoerd",
                Integer.class, relatie)).isEqualTo(15);
        assertThat(saldo(relatie)).isEqualByComparingTo("0.00");
        assertThat(jdbc.queryForObject("SELECT sum(bedrag) FROM allegro.betaalpost WHERE begunstigde_relatiecode = ?",
                BigDecimal.class, relatie)).isEqualByComparingTo("150.00");
    }

    @Test
    void aLockedReserveringIsRetriedByTheBrokerAndBookedOnceReleased() throws Exception {
        jdbc.update("UPDATE allegro.parameter SET waarde = '6' WHERE nummer = 353");
        redelivery.apply();
        int relatie = klant("Rekening", false, "100.00", true);
        long mutation = mutatie(relatie, "Relatie", "25.00");
        double failuresBefore = bookingFailures();

        try (Connection allegro = lockReservering(relatie)) {
            publish(relatie, mutation);
            await().atMost(Duration.ofSeconds(20)).until(() -> bookingFailures() - failuresBefore >= 2);
            assertThat(mutationRow(mutation).get("doorgevoerd")).isNull();
            allegro.rollback();
        }

        awaitProcessed(mutation);
        Map<String, Object> row = mutationRow(mutation);
        assertThat(row).containsEntry("doorgevoerd", true);
        assertThat((Integer) row.get("pogingen")).as("JMSXDeliveryCount of the booking attempt").isGreaterThanOrEqualTo(3);
        assertThat(saldo(relatie)).isEqualByComparingTo("75.00");
    }

    @Test
    void aLockThatNeverEndsFailsTheMutationAfterParameter353AttemptsWithATask() throws Exception {
        int relatie = klant("Rekening", false, "100.00", true);
        long mutation = mutatie(relatie, "Relatie", "25.00");
        double failuresBefore = bookingFailures();

        try (Connection allegro = lockReservering(relatie)) {
            publish(relatie, mutation);
            awaitProcessed(mutation);
            allegro.rollback();
        }

        assertThat(bookingFailures() - failuresBefore).as("parameter 353").isEqualTo(3.0);
        Map<String, Object> row = mutationRow(mutation);
        assertThat(row).containsEntry("doorgevoerd", false).containsEntry("reden", "technische problemen");
        assertThat(jdbc.queryForMap("SELECT soort, medewerker_code FROM allegro.taak WHERE portier_mutatie_id = ?", mutation))
                .containsEntry("soort", "Klant bellen").containsEntry("medewerker_code", "AVDBERG");
        assertThat(saldo(relatie)).isEqualByComparingTo("100.00");
        awaitOutcomeJournalled(mutation, PortierBooking.FAILED);
    }

    @Test
    void aMutationWrittenButNeverSentIsSentByTheSweeperAndBooked() {
        int relatie = klant("Rekening", false, "100.00", true);
        long mutation = mutatie(relatie, "Relatie", "12.34");
        long young = mutatie(relatie, "Relatie", "1.00");
        jdbc.update("UPDATE allegro.portier_mutatie SET verzonden_op = NULL, aangemaakt_op = aangemaakt_op - INTERVAL '3' MINUTE "
                + "WHERE id = ?", mutation);
        jdbc.update("UPDATE allegro.portier_mutatie SET verzonden_op = NULL WHERE id = ?", young);

        assertThat(withdrawalRequests.resendUnsent()).isEqualTo(1);
        assertThat(mutationRow(mutation).get("verzonden_op")).as("recorded when the sweep ends").isNotNull();
        assertThat(withdrawalRequests.resendUnsent()).isZero();

        awaitProcessed(mutation);
        assertThat(mutationRow(mutation)).containsEntry("doorgevoerd", true);
        assertThat(mutationRow(young).get("verzonden_op")).as("still within the grace period").isNull();
        assertThat(saldo(relatie)).isEqualByComparingTo("87.66");
        // its record of the send lost (a crash, a refused batch), but booked: not sent again
        jdbc.update("UPDATE allegro.portier_mutatie SET verzonden_op = NULL WHERE id = ?", mutation);
        assertThat(withdrawalRequests.resendUnsent()).isZero();
    }

    @Test
    void aMessageThatCanNeverBeBookedGoesToTheOperatorsAtOnce() throws Exception {
        double failuresBefore = bookingFailures();

        try (BrokerClient client = new BrokerClient(broker.clientUrl())) {
            assertBothReachTheOperators(client, "portier.mutations");
        }
        assertThat(bookingFailures()).as("not rolled back for redelivery").isEqualTo(failuresBefore);
        assertThat(portierQueueIsEmpty()).isTrue();
    }

    @Test
    void aDeadLetterThatCannotBeMarkedFailedGoesToTheOperators() throws Exception {
        try (BrokerClient client = new BrokerClient(broker.clientUrl())) {
            assertBothReachTheOperators(client, "DLQ.portier.mutations");
            await().atMost(Duration.ofSeconds(10)).until(() -> client.browse("DLQ.portier.mutations").isEmpty());
        }
    }

    @Test
    void sendingAMutationDoesNotWaitForTheRowThePortierHolds() throws Exception {
        int relatie = klant("Rekening", false, "100.00", true);
        long mutation = mutatie(relatie, "Relatie", "10.00");
        jdbc.update("UPDATE allegro.portier_mutatie SET verzonden_op = NULL WHERE id = ?", mutation);

        // the row locked as the Portier locks it while it books (and waits for the reservering)
        try (Connection portier = holdLock("SELECT id FROM allegro.portier_mutatie WHERE id = ? FOR UPDATE", mutation)) {
            // returns, and the caller is answered, at once: recording the send used to wait here for
            // the row, and a lock timeout then failed a withdrawal that was already on the broker
            withdrawalRequests.send(mutation);
            portier.rollback();
        }

        awaitProcessed(mutation);
        assertThat(saldo(relatie)).isEqualByComparingTo("90.00");
        await().atMost(Duration.ofSeconds(10)).until(() -> mutationRow(mutation).get("verzonden_op") != null);
    }

    /**
     * Sends a message that is no event and the event of a mutation that does not exist to the queue:
     * both reach portier.mutations.unhandled, each with its reason. The Portier route has two consumers,
     * so the two may arrive in either order.
     */
    private void assertBothReachTheOperators(BrokerClient client, String queue) throws Exception {
        String missing = canonicalObjectMapper.writeValueAsString(new CanonicalEvent(CanonicalEvent.SPEC_VERSION,
                CanonicalEvent.factId(OpnameReservering.SOURCE, OpnameReservering.TYPE, UUID.randomUUID().toString()),
                OpnameReservering.SOURCE, OpnameReservering.TYPE, OffsetDateTime.now(), "4599", CanonicalEvent.JSON,
                canonicalObjectMapper.createObjectNode().put("mutationId", 987654321L)));
        client.sendToQueue(queue, "geen event");
        client.sendToQueue(queue, missing);
        Map<String, String> failureByBody = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            TextMessage moved = client.receive("portier.mutations.unhandled", 10_000);
            assertThat(moved).as("moved to portier.mutations.unhandled").isNotNull();
            failureByBody.put(moved.getText(), moved.getStringProperty("SwitchboardFailure"));
        }

        assertThat(failureByBody).containsOnlyKeys("geen event", missing);
        assertThat(failureByBody.get("geen event")).isNotBlank();
        assertThat(failureByBody.get(missing)).isEqualTo("Portier-mutatie 987654321 bestaat niet");
    }

    private void assertRefused(int relatie, String rekening, String bedrag, String reden, boolean task) throws Exception {
        long mutation = mutatie(relatie, rekening, bedrag);
        BigDecimal saldoBefore = saldo(relatie);

        publish(relatie, mutation);

        awaitProcessed(mutation);
        Map<String, Object> row = mutationRow(mutation);
        assertThat(row).containsEntry("doorgevoerd", false).containsEntry("uitvoering_automatisch", true);
        assertThat((String) row.get("reden")).contains(reden);
        assertThat(saldo(relatie)).isEqualByComparingTo(saldoBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM allegro.prs_mutatie WHERE portier_mutatie_id = ?",
                Integer.class, mutation)).isZero();
        if (task) {
            assertThat(jdbc.queryForMap("SELECT soort, medewerker_code, relatiecode FROM allegro.taak WHERE portier_mutatie_id = ?",
                    mutation)).containsEntry("soort", "Klant bellen").containsEntry("medewerker_code", "AVDBERG")
                    .containsEntry("relatiecode", relatie);
        } else {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM allegro.taak WHERE portier_mutatie_id = ?",
                    Integer.class, mutation)).isZero();
        }
        awaitOutcomeJournalled(mutation, PortierBooking.REJECTED);
    }

    /** A natural person with a current BBR of AVDBERG, the given payment method and Prs reservering 4. */
    private int klant(String betaalwijze, boolean geblokkeerd, String saldo, boolean withBbr) {
        int relatie = RELATIECODES.incrementAndGet();
        jdbc.update("INSERT INTO allegro.relatie (relatiecode, soort, zoeknaam) VALUES (?, 'Persoon', ?)", relatie, "Test " + relatie);
        jdbc.update("INSERT INTO allegro.betaalwijze (relatiecode, soort, iban, geblokkeerd) VALUES (?, ?, ?, ?)",
                relatie, betaalwijze, betaalwijze.equals("Rekening") ? "NL02RABO0123456789" : null, geblokkeerd);
        jdbc.update("INSERT INTO allegro.reservering (relatiecode, soort, nummer, omschrijving, saldo) VALUES (?, 'Prs', 4, 'Vakantiegeld', ?)",
                relatie, new BigDecimal(saldo));
        if (withBbr) {
            jdbc.update("INSERT INTO allegro.contract (relatiecode, product, soort, medewerker_code, begindatum) "
                    + "VALUES (?, 'BBR', 'Contract', 'AVDBERG', CURRENT_DATE)", relatie);
        }
        return relatie;
    }

    /** The mutation row as AllegroOpnameReservering writes it. */
    private long mutatie(int relatie, String rekening, String bedrag) {
        String eventId = CanonicalEvent.factId(OpnameReservering.SOURCE, OpnameReservering.TYPE, UUID.randomUUID().toString());
        String waarde = "Relatiecode: " + relatie + " Nummer reservering: 4 Bedrag: " + bedrag.replace('.', ',')
                + " Betaalwijze: " + rekening;
        jdbc.update("""
                INSERT INTO allegro.portier_mutatie (soort_koppeling, soort_mutatie, datum, tijdstip, relatiecode,
                    oude_waarde, nieuwe_waarde, reservering_nummer, bedrag, welke_rekening, aangemaakt_op, event_id,
                    aanvraag_sleutel, verzonden_op)
                VALUES ('Telefoon', 'Opname reservering eigen rekening', CURRENT_DATE, CURRENT_TIME, ?, ?, ?, 4, ?, ?,
                    CURRENT_TIMESTAMP, ?, ?, CURRENT_TIMESTAMP)""",
                relatie, waarde, waarde, new BigDecimal(bedrag), rekening, eventId, eventId);
        return jdbc.queryForObject("SELECT id FROM allegro.portier_mutatie WHERE event_id = ?", Long.class, eventId);
    }

    private void publish(int relatie, long mutation) throws Exception {
        Map<String, Object> row = mutationRow(mutation);
        CanonicalEvent event = new CanonicalEvent(CanonicalEvent.SPEC_VERSION, (String) row.get("event_id"),
                OpnameReservering.SOURCE, OpnameReservering.TYPE, OffsetDateTime.now(), String.valueOf(relatie),
                CanonicalEvent.JSON, canonicalObjectMapper.createObjectNode().put("mutationId", mutation)
                .put("relatiecode", relatie).put("reserveringNummer", 4).put("amount", (BigDecimal) row.get("bedrag")));
        try (BrokerClient client = new BrokerClient(broker.clientUrl())) {
            client.sendToQueue("portier.mutations", canonicalObjectMapper.writeValueAsString(event));
        }
    }

    /** Another transaction (as Allegro itself might) holding the reservering row. */
    private Connection lockReservering(int relatie) throws Exception {
        return holdLock("SELECT saldo FROM allegro.reservering WHERE relatiecode = ? AND soort = 'Prs' AND nummer = 4 "
                + "FOR UPDATE", relatie);
    }

    /** Another transaction holding the rows the query selects FOR UPDATE, until it is rolled back. */
    private Connection holdLock(String selectForUpdate, Object key) throws Exception {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement(selectForUpdate)) {
            lock.setObject(1, key);
            lock.executeQuery().close();
        }
        return connection;
    }

    private void awaitProcessed(long mutation) {
        await().atMost(Duration.ofSeconds(30)).until(() -> mutationRow(mutation).get("doorgevoerd") != null);
    }

    private void awaitOutcomeJournalled(long mutation, String type) {
        String id = CanonicalEvent.factId(PortierBooking.SOURCE, type, "mutatie-" + mutation);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM bus.event_journal WHERE event_id = ? AND type = ? AND queue = 'allegro.withdrawals.journal'",
                Integer.class, id, type) == 1);
    }

    private boolean portierQueueIsEmpty() throws Exception {
        try (BrokerClient client = new BrokerClient(broker.clientUrl())) {
            return client.browse("portier.mutations").isEmpty();
        }
    }

    private Map<String, Object> mutationRow(long mutation) {
        return jdbc.queryForMap("SELECT * FROM allegro.portier_mutatie WHERE id = ?", mutation);
    }

    private BigDecimal saldo(int relatie) {
        return jdbc.queryForObject("SELECT saldo FROM allegro.reservering WHERE relatiecode = ? AND soort = 'Prs' AND nummer = 4",
                BigDecimal.class, relatie);
    }

    private double bookingFailures() {
        Counter counter = meters.find("camel.exchanges.failed").tag("routeId", "portier-book-withdrawal").counter();
        return counter == null ? 0 : counter.count();
    }
}
