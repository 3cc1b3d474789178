package nl.switchboard.portier;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import nl.switchboard.allegro.AllegroParameters;
import nl.switchboard.canonical.CanonicalEvent;

/**
 * Books a withdrawal of the Portier (seed 000 §3.6, §3.7) in one database transaction: lock the
 * reservering, check again, then PRS mutations Bij and Af, ledger Reserveringen → Crediteuren, an
 * open payment item for the beneficiary, the new balance and the mutation marked carried out. A
 * business refusal marks it not carried out with the reason and, with parameter 390, sets task 391
 * for the BBR employee. Every outcome is an event whose id is stable per mutation, so a redelivered
 * message books nothing twice and only repeats the outcome.
 */
@Component
public class PortierBooking {

    private static final Logger LOG = LoggerFactory.getLogger(PortierBooking.class);

    public static final String SOURCE = "/allegro/portier";
    public static final String BOOKED = "allegro.withdrawal.booked";
    public static final String REJECTED = "allegro.withdrawal.rejected";
    public static final String FAILED = "allegro.withdrawal.failed";
    public static final String TECHNISCHE_PROBLEMEN = "technische problemen";
    static final String NIET_DOORVOEREN = "Niet doorgevoerd op besluit van de medewerker";

    static final int TAAK_BIJ_MISLUKTE_OPNAME = 390;
    static final int SOORT_TAAK = 391;
    static final int AUTOMATISCHE_VERWERKING = 392;

    private static final DateTimeFormatter OMSCHRIJVING = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm");
    private static final List<String> BOEKBARE_BETAALWIJZEN = List.of("Rekening", "Prepaid Debit Card", "BNG Prepaid Kaart");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final AllegroParameters parameters;
    private final LockTimeout lockTimeout;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ZoneId allegroZone;
    private final String executor;

    public PortierBooking(JdbcTemplate jdbc, TransactionTemplate transaction, AllegroParameters parameters,
                          LockTimeout lockTimeout, ObjectMapper canonicalObjectMapper, Clock clock,
                          @Value("${switchboard.allegro.zone}") ZoneId allegroZone,
                          @Value("${switchboard.portier.executor}") String executor) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.parameters = parameters;
        this.lockTimeout = lockTimeout;
        this.mapper = canonicalObjectMapper;
        this.clock = clock;
        this.allegroZone = allegroZone;
        this.executor = executor;
    }

    /**
     * Processes an {@code allegro.withdrawal.requested} event: books or refuses it when parameter 392
     * says automatic, and answers the outcome event; answers null when the mutation waits for an
     * operator. Throws {@link ReserveringLocked} when the reservering stays locked.
     *
     * @param deliveryAttempt the broker's JMSXDeliveryCount, recorded with the outcome
     */
    public CanonicalEvent processAutomatically(CanonicalEvent requested, int deliveryAttempt) {
        long mutationId = mutationId(requested);
        return transaction.execute(status -> {
            PortierMutation mutation = lockMutation(mutationId);
            if (mutation.processed()) {
                return outcome(mutation);
            }
            if (!parameters.isJa(AUTOMATISCHE_VERWERKING)) {
                LOG.info("Mutatie {} wacht op verwerking door een medewerker (parameter 392 staat niet op Ja)", mutationId);
                return null;
            }
            CanonicalEvent outcome = book(mutation, true, executor);
            jdbc.update("UPDATE allegro.portier_mutatie SET pogingen = ? WHERE id = ?", deliveryAttempt, mutationId);
            return outcome;
        });
    }

    /**
     * The last delivery attempt failed (the reservering stayed locked): the mutation is not carried
     * out, with reason 'technische problemen', and the task of parameter 390/391 is set.
     */
    public CanonicalEvent failTechnically(CanonicalEvent requested) {
        long mutationId = mutationId(requested);
        return transaction.execute(status -> {
            PortierMutation mutation = lockMutation(mutationId);
            if (mutation.processed()) {
                return outcome(mutation);
            }
            return refuse(mutation, TECHNISCHE_PROBLEMEN, true, executor);
        });
    }

    /**
     * "Verwerken mutaties" by an operator on the Portier desk: carry the mutation out (with the same
     * checks as automatic booking) or not. The operator is recorded as executor.
     *
     * @throws MutationAlreadyProcessed when it was processed meanwhile
     * @throws ReserveringLocked when the reservering stays locked
     */
    public CanonicalEvent processManually(long mutationId, boolean doorvoeren, String operator) {
        String medewerker = operator.length() > 15 ? operator.substring(0, 15) : operator;
        return transaction.execute(status -> {
            PortierMutation mutation = lockMutation(mutationId);
            if (mutation.processed()) {
                throw new MutationAlreadyProcessed(mutationId);
            }
            if (doorvoeren) {
                return book(mutation, false, medewerker);
            }
            markProcessed(mutationId, false, NIET_DOORVOEREN, false, medewerker, ZonedDateTime.now(clock.withZone(allegroZone)));
            LOG.info("Mutatie {} niet doorgevoerd op besluit van {}", mutationId, medewerker);
            return outcome(mutation.processedAs(false, NIET_DOORVOEREN));
        });
    }

    private CanonicalEvent book(PortierMutation mutation, boolean automatic, String medewerker) {
        BigDecimal saldo = lockReservering(mutation);
        Integer begunstigde = mutation.toPartner() ? partnerOf(mutation.relatiecode()) : Integer.valueOf(mutation.relatiecode());
        if (begunstigde == null) {
            return refuse(mutation, "Rekening partner gekozen, maar er is geen partner", automatic, medewerker);
        }
        Optional<Betaalwijze> betaalwijze = betaalwijze(begunstigde);
        if (betaalwijze.isEmpty() || !BOEKBARE_BETAALWIJZEN.contains(betaalwijze.get().soort())) {
            return refuse(mutation, "De standaard betaalwijze van de begunstigde is "
                    + betaalwijze.map(Betaalwijze::soort).orElse("niet vastgelegd")
                    + ": geen rekening of prepaid kaart", automatic, medewerker);
        }
        if (betaalwijze.get().geblokkeerd()) {
            return refuse(mutation, "De rekening van de begunstigde is geblokkeerd", automatic, medewerker);
        }
        if (saldo.compareTo(mutation.bedrag()) < 0) {
            return refuse(mutation, "Saldo reservering te laag: saldo " + saldo.toPlainString()
                    + ", opname " + mutation.bedrag().toPlainString(), automatic, medewerker);
        }

        String omschrijving = omschrijving(mutation);
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(allegroZone));
        String tegenrekening = betaalwijze.get().weergave();
        jdbc.update("INSERT INTO allegro.prs_mutatie (portier_mutatie_id, relatiecode, reservering_nummer, soort, bedrag, "
                        + "omschrijving, tegenrekening, boekdatum) VALUES (?, ?, ?, 'Bij', ?, ?, NULL, ?)",
                mutation.id(), mutation.relatiecode(), mutation.reserveringNummer(), mutation.bedrag(), omschrijving,
                now.toLocalDate());
        jdbc.update("INSERT INTO allegro.prs_mutatie (portier_mutatie_id, relatiecode, reservering_nummer, soort, bedrag, "
                        + "omschrijving, tegenrekening, boekdatum) VALUES (?, ?, ?, 'Af', ?, ?, ?, ?)",
                mutation.id(), mutation.relatiecode(), mutation.reserveringNummer(), mutation.bedrag(), omschrijving,
                tegenrekening, now.toLocalDate());
        jdbc.update("INSERT INTO allegro.grootboek_mutatie (portier_mutatie_id, debet_rekening, credit_rekening, bedrag, "
                        + "omschrijving, boekdatum) VALUES (?, 'Reserveringen', 'Crediteuren', ?, ?, ?)",
                mutation.id(), mutation.bedrag(), omschrijving, now.toLocalDate());
        jdbc.update("INSERT INTO allegro.betaalpost (portier_mutatie_id, begunstigde_relatiecode, betaalwijze, bedrag, "
                        + "omschrijving, status, aangemaakt_op) VALUES (?, ?, ?, ?, ?, 'Open', ?)",
                mutation.id(), begunstigde, tegenrekening, mutation.bedrag(), omschrijving, now.toOffsetDateTime());
        jdbc.update("UPDATE allegro.reservering SET saldo = saldo - ? WHERE relatiecode = ? AND soort = 'Prs' AND nummer = ?",
                mutation.bedrag(), mutation.relatiecode(), mutation.reserveringNummer());
        markProcessed(mutation.id(), true, null, automatic, medewerker, now);
        LOG.info("Mutatie {} doorgevoerd: {} van reservering {} van relatie {}", mutation.id(),
                mutation.bedrag().toPlainString(), mutation.reserveringNummer(), mutation.relatiecode());
        return outcome(mutation.processedAs(true, null));
    }

    private CanonicalEvent refuse(PortierMutation mutation, String reden, boolean automatic, String medewerker) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(allegroZone));
        markProcessed(mutation.id(), false, reden, automatic, medewerker, now);
        if (parameters.isJa(TAAK_BIJ_MISLUKTE_OPNAME)) {
            jdbc.update("INSERT INTO allegro.taak (soort, medewerker_code, relatiecode, omschrijving, portier_mutatie_id, "
                            + "aangemaakt_op) VALUES (?, ?, ?, ?, ?, ?)",
                    parameters.value(SOORT_TAAK).orElse("Klant bellen"), bbrMedewerker(mutation.relatiecode()),
                    mutation.relatiecode(), "Opname reservering niet doorgevoerd: " + reden, mutation.id(),
                    now.toOffsetDateTime());
        }
        LOG.info("Mutatie {} niet doorgevoerd: {}", mutation.id(), reden);
        return outcome(mutation.processedAs(false, reden));
    }

    /** The event of a processed mutation, the same every time it is asked for. */
    private CanonicalEvent outcome(PortierMutation mutation) {
        String type = Boolean.TRUE.equals(mutation.doorgevoerd()) ? BOOKED
                : TECHNISCHE_PROBLEMEN.equals(mutation.reden()) ? FAILED : REJECTED;
        ObjectNode data = mapper.createObjectNode()
                .put("mutationId", mutation.id())
                .put("relatiecode", mutation.relatiecode())
                .put("reserveringNummer", mutation.reserveringNummer())
                .put("amount", mutation.bedrag())
                .put("outcome", Boolean.TRUE.equals(mutation.doorgevoerd()) ? "doorgevoerd" : "niet doorgevoerd");
        if (mutation.reden() != null) {
            data.put("reason", mutation.reden());
        }
        jdbc.query("SELECT id FROM allegro.taak WHERE portier_mutatie_id = ?",
                rs -> { data.put("taskId", rs.getLong("id")); }, mutation.id());
        return CanonicalEvent.of(SOURCE, type, "mutatie-" + mutation.id(), String.valueOf(mutation.relatiecode()),
                OffsetDateTime.now(clock), data);
    }

    private PortierMutation lockMutation(long mutationId) {
        List<PortierMutation> found = jdbc.query("""
                SELECT id, relatiecode, reservering_nummer, bedrag, welke_rekening, aangemaakt_op, doorgevoerd, reden
                  FROM allegro.portier_mutatie WHERE id = ? FOR UPDATE""",
                (rs, i) -> new PortierMutation(rs.getLong("id"), rs.getInt("relatiecode"), rs.getInt("reservering_nummer"),
                        rs.getBigDecimal("bedrag"), rs.getString("welke_rekening"),
                        rs.getObject("aangemaakt_op", OffsetDateTime.class),
                        (Boolean) rs.getObject("doorgevoerd"), rs.getString("reden")),
                mutationId);
        if (found.isEmpty()) {
            throw new MutationNotFound(mutationId);
        }
        return found.get(0);
    }

    private BigDecimal lockReservering(PortierMutation mutation) {
        try {
            return lockTimeout.selectForUpdate("SELECT saldo FROM allegro.reservering WHERE relatiecode = ? AND soort = 'Prs' "
                    + "AND nummer = ?", mutation.relatiecode(), mutation.reserveringNummer());
        } catch (PessimisticLockingFailureException e) {
            throw new ReserveringLocked(mutation.id(), e);
        }
    }

    private void markProcessed(long mutationId, boolean doorgevoerd, String reden, boolean automatic, String medewerker,
                               ZonedDateTime now) {
        jdbc.update("UPDATE allegro.portier_mutatie SET doorgevoerd = ?, reden = ?, uitvoering_automatisch = ?, "
                        + "medewerker_uitvoering = ?, datum_uitvoering = ?, tijdstip_uitvoering = ? WHERE id = ?",
                doorgevoerd, reden, automatic, medewerker, now.toLocalDate(), now.toLocalTime().withNano(0), mutationId);
    }

    /** 'Opnameverzoek via telefoon <datum> <tijd>' with the creation time of the Portier mutation. */
    String omschrijving(PortierMutation mutation) {
        return "Opnameverzoek via telefoon " + mutation.aangemaaktOp().atZoneSameInstant(allegroZone).format(OMSCHRIJVING);
    }

    private Integer partnerOf(int relatiecode) {
        return jdbc.queryForObject("SELECT partner_relatiecode FROM allegro.relatie WHERE relatiecode = ?",
                Integer.class, relatiecode);
    }

    private Optional<Betaalwijze> betaalwijze(int relatiecode) {
        return jdbc.query("SELECT soort, iban, bban, geblokkeerd FROM allegro.betaalwijze WHERE relatiecode = ?",
                (rs, i) -> new Betaalwijze(rs.getString("soort"), rs.getString("iban"), rs.getString("bban"),
                        rs.getBoolean("geblokkeerd")), relatiecode).stream().findFirst();
    }

    /** The employee of the relatie's current BBR, the most recent when there are several. */
    private String bbrMedewerker(int relatiecode) {
        return jdbc.query("SELECT medewerker_code FROM allegro.contract WHERE relatiecode = ? AND product = 'BBR' "
                        + "AND soort = 'Contract' AND historie_datum IS NULL ORDER BY begindatum DESC, id DESC LIMIT 1",
                (rs, i) -> rs.getString("medewerker_code"), relatiecode).stream().findFirst().orElse(null);
    }

    private static long mutationId(CanonicalEvent requested) {
        if (requested.data() == null || !requested.data().path("mutationId").canConvertToLong()) {
            throw new IllegalArgumentException("Event " + requested.id() + " names no mutationId");
        }
        return requested.data().path("mutationId").asLong();
    }

    private record Betaalwijze(String soort, String iban, String bban, boolean geblokkeerd) {
        String weergave() {
            if (!"Rekening".equals(soort)) {
                return soort;
            }
            return iban != null && !iban.isBlank() ? iban : bban;
        }
    }
}
