package nl.switchboard.allegro.telefoon;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import nl.switchboard.allegro.ParameterValues;
import nl.switchboard.allegro.telefoon.ws.AllegroOpnameReservering;
import nl.switchboard.allegro.telefoon.ws.AllegroOpnameReserveringResponse;
import nl.switchboard.allegro.telefoon.ws.TKlantReservering;
import nl.switchboard.canonical.CanonicalEvent;

/**
 * AllegroOpnameReservering (seed 000 §2.5): validates the withdrawal (1003-1009), writes the Portier
 * mutation (§3.7) and sends {@code allegro.withdrawal.requested} to the broker. {@code true} is
 * answered once the mutation is committed, since the seed's server puts it straight into the Portier
 * (§3.5); the message is then on the broker, or, if the broker refused it, waits for the sweeper. The
 * same request repeated within one session inside the configured window answers {@code true} again
 * without a second mutation.
 */
@Component
public class OpnameReservering {

    private static final Logger LOG = LoggerFactory.getLogger(OpnameReservering.class);

    public static final String SOURCE = "/allegro/telefoon";
    public static final String TYPE = "allegro.withdrawal.requested";
    static final String SOORT_KOPPELING = "Telefoon";
    static final String SOORT_MUTATIE = "Opname reservering eigen rekening";

    private final TelefoonService service;
    private final RelatieReader relaties;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final WithdrawalRequests requests;
    private final Clock clock;
    private final ZoneId allegroZone;
    private final Duration repeatWindow;

    public OpnameReservering(TelefoonService service, RelatieReader relaties, JdbcTemplate jdbc,
                             TransactionTemplate transaction, WithdrawalRequests requests, Clock clock,
                             @Value("${switchboard.allegro.zone}") ZoneId allegroZone,
                             @Value("${switchboard.allegro.withdrawal.repeat-window}") Duration repeatWindow) {
        this.service = service;
        this.relaties = relaties;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.requests = requests;
        this.clock = clock;
        this.allegroZone = allegroZone;
        this.repeatWindow = repeatWindow;
    }

    public AllegroOpnameReserveringResponse request(AllegroOpnameReservering request, int sessionRelatiecode,
                                                    String sessionGuid, ParameterValues parameters) {
        if (request.getRelatiecode() != sessionRelatiecode) {
            throw TelefoonFaults.client("Relatiecode " + request.getRelatiecode()
                    + " hoort niet bij deze sessie: meld aan met AllegroLogin voor die relatie");
        }
        BigDecimal bedrag = request.getBedrag();
        if (bedrag == null || bedrag.signum() <= 0 || bedrag.stripTrailingZeros().scale() > 2) {
            throw TelefoonFaults.client("Bedrag moet groter dan 0 zijn, met hoogstens 2 decimalen");
        }
        Optional<AllegroError> error = validate(request, parameters);
        if (error.isPresent()) {
            return response(false, error.get());
        }
        Rekening rekening = Rekening.of(request.getWelkeRekening()).orElseThrow();
        Withdrawal withdrawal = new Withdrawal(request.getRelatiecode(), request.getVolgnummerReservering(),
                bedrag.setScale(2, RoundingMode.UNNECESSARY), rekening);

        Optional<Long> written = transaction.execute(status -> writeOnce(withdrawal, sessionGuid));
        if (written.isPresent()) {
            publish(written.get());
        }
        return response(true, null);
    }

    private Optional<AllegroError> validate(AllegroOpnameReservering request, ParameterValues parameters) {
        Optional<Relatie> relatie = relaties.find(request.getRelatiecode());
        Optional<AllegroError> personError = TelefoonService.naturalPersonError(relatie);
        if (personError.isPresent()) {
            return personError;
        }
        Optional<Rekening> rekening = Rekening.of(request.getWelkeRekening());
        if (rekening.isEmpty()) {
            return Optional.of(AllegroError.BETAALWIJZE_ONJUIST_GEVULD);
        }
        List<TKlantReservering> reserveringen = service.vrijOpneembareReserveringen(request.getRelatiecode(), parameters);
        Optional<TKlantReservering> reservering = reserveringen.stream()
                .filter(r -> r.getNummer() == request.getVolgnummerReservering()).findFirst();
        if (reservering.isEmpty()) {
            return Optional.of(AllegroError.GEEN_VRIJ_OPNEEMBARE_RESERVERING);
        }
        if (reservering.get().getSaldo().compareTo(request.getBedrag()) < 0) {
            return Optional.of(AllegroError.SALDO_TE_LAAG);
        }
        Integer begunstigde = rekening.get() == Rekening.PARTNER
                ? relatie.get().partnerRelatiecode()
                : Integer.valueOf(request.getRelatiecode());
        if (begunstigde == null) {
            return Optional.of(AllegroError.GEEN_PARTNER);
        }
        if (relaties.betaalwijze(begunstigde).isEmpty()) {
            return Optional.of(AllegroError.BETAALWIJZE_NIET_MOGELIJK);
        }
        return Optional.empty();
    }

    /**
     * Writes the mutation unless the same request of this session was written within the window.
     * The session row is locked first, so two identical requests arriving together are serialised.
     */
    private Optional<Long> writeOnce(Withdrawal withdrawal, String sessionGuid) {
        jdbc.queryForObject("SELECT session_guid FROM bus.telefoon_session WHERE session_guid = ? FOR UPDATE",
                String.class, sessionGuid);
        String key = requestKey(sessionGuid, withdrawal);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Integer recent = jdbc.queryForObject("SELECT count(*) FROM allegro.portier_mutatie "
                + "WHERE aanvraag_sleutel = ? AND aangemaakt_op > ?", Integer.class, key, now.minus(repeatWindow));
        if (recent > 0) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZoneSameInstant(allegroZone);
        String waarde = waarde(withdrawal);
        String eventId = CanonicalEvent.factId(SOURCE, TYPE, UUID.randomUUID().toString());
        jdbc.update("""
                INSERT INTO allegro.portier_mutatie (soort_koppeling, soort_mutatie, datum, tijdstip, relatiecode,
                    oude_waarde, nieuwe_waarde, reservering_nummer, bedrag, welke_rekening, aangemaakt_op,
                    event_id, aanvraag_sleutel)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                SOORT_KOPPELING, SOORT_MUTATIE, local.toLocalDate(), local.toLocalTime().withNano(0),
                withdrawal.relatiecode(), waarde, waarde, withdrawal.reserveringNummer(), withdrawal.bedrag(),
                withdrawal.rekening().text(), now, eventId, key);
        long id = jdbc.queryForObject("SELECT id FROM allegro.portier_mutatie WHERE event_id = ?", Long.class, eventId);
        return Optional.of(id);
    }

    /** The text of oude and nieuwe waarde, as the seed's table: "Relatiecode: 4599 Nummer reservering: 4 Bedrag: 25,00 Betaalwijze: Relatie". */
    static String waarde(Withdrawal withdrawal) {
        return "Relatiecode: " + withdrawal.relatiecode()
                + " Nummer reservering: " + withdrawal.reserveringNummer()
                + " Bedrag: " + withdrawal.bedrag().toPlainString().replace('.', ',')
                + " Betaalwijze: " + withdrawal.rekening().text();
    }

    /**
     * The mutation is already accepted: it is in the Portier, and it is its own outbox. A send the
     * broker refused is left to the sweeper. Taking the mutation back instead, and telling the caller
     * to try again, could delete one whose message did reach the broker (an acknowledgement lost on
     * the way back) or that the Portier had already booked, and the caller's retry would then be a
     * second withdrawal.
     */
    private void publish(long mutationId) {
        try {
            requests.send(mutationId);
        } catch (RuntimeException e) {
            LOG.warn("Portier-mutatie {} vastgelegd, maar de broker nam het verzoek niet aan ({}); de sweeper "
                    + "verzendt het", mutationId, NestedExceptionUtils.getMostSpecificCause(e).toString());
        }
    }

    private static String requestKey(String sessionGuid, Withdrawal withdrawal) {
        String request = sessionGuid + '|' + withdrawal.relatiecode() + '|' + withdrawal.reserveringNummer() + '|'
                + withdrawal.bedrag().toPlainString() + '|' + withdrawal.rekening();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AllegroOpnameReserveringResponse response(boolean result, AllegroError error) {
        AllegroOpnameReserveringResponse response = new AllegroOpnameReserveringResponse();
        response.setReturn(result);
        response.setUserInfo(error == null ? AllegroError.none() : error.userInfo());
        return response;
    }

    /** WelkeRekening of the seed: wrRelatie or wrPartner. */
    enum Rekening {
        RELATIE("wrRelatie", "Relatie"),
        PARTNER("wrPartner", "Partner");

        private final String wire;
        private final String text;

        Rekening(String wire, String text) {
            this.wire = wire;
            this.text = text;
        }

        String text() {
            return text;
        }

        static Optional<Rekening> of(String wire) {
            for (Rekening rekening : values()) {
                if (rekening.wire.equals(wire == null ? null : wire.trim())) {
                    return Optional.of(rekening);
                }
            }
            return Optional.empty();
        }
    }

    record Withdrawal(int relatiecode, int reserveringNummer, BigDecimal bedrag, Rekening rekening) {
    }
}
