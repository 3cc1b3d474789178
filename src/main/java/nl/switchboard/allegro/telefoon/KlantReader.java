package nl.switchboard.allegro.telefoon;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import nl.switchboard.allegro.telefoon.ws.TKlant;

/**
 * Derives TKlant exactly by seed 000 §2.3: per product an application ('Aanvraag') and a current
 * contract ('Actueel'), for BBR also a contract that became historic less than six weeks ago
 * ('Historie'); the most recent when there are several; the employee's first team and company;
 * the pincode only with a current BBR; the casus unless stopped or rejected; the maximum lengths.
 */
@Component
public class KlantReader {

    static final int HISTORIE_DAGEN = 42;

    private static final String CONTRACTS = """
            SELECT c.id, c.product, c.soort, c.begindatum, c.historie_datum, m.code AS medewerker, b.naam AS bedrijf,
                   (SELECT t.omschrijving FROM allegro.medewerker_team mt JOIN allegro.team t ON t.id = mt.team_id
                     WHERE mt.medewerker_code = m.code ORDER BY mt.volgorde, t.id LIMIT 1) AS team
              FROM allegro.contract c
              LEFT JOIN allegro.medewerker m ON m.code = c.medewerker_code
              LEFT JOIN allegro.bedrijf b ON b.id = m.bedrijf_id
             WHERE c.relatiecode = ?""";

    private static final String CASUS = """
            SELECT c.status, c.status_datum, m.code AS medewerker, b.naam AS bedrijf,
                   (SELECT t.omschrijving FROM allegro.medewerker_team mt JOIN allegro.team t ON t.id = mt.team_id
                     WHERE mt.medewerker_code = m.code ORDER BY mt.volgorde, t.id LIMIT 1) AS team
              FROM allegro.casus c
              LEFT JOIN allegro.medewerker m ON m.code = c.medewerker_code
              LEFT JOIN allegro.bedrijf b ON b.id = m.bedrijf_id
             WHERE c.relatiecode = ? AND c.gestopt = FALSE AND c.afgewezen = FALSE
             ORDER BY c.status_datum DESC, c.id DESC""";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final DatatypeFactory xmlDates;

    public KlantReader(JdbcTemplate jdbc, Clock clock) throws DatatypeConfigurationException {
        this.jdbc = jdbc;
        this.clock = clock;
        this.xmlDates = DatatypeFactory.newInstance();
    }

    /** The klant of a natural person; the caller has checked that the relatie is one. */
    public TKlant read(Relatie relatie) {
        TKlant klant = new TKlant();
        klant.setRelatiecode(relatie.relatiecode());
        klant.setBuitenGebruik(relatie.buitenGebruik());
        klant.setKlantZoeknaam(truncate(relatie.zoeknaam(), 60));
        klant.setKlantGemeente(truncate(relatie.gemeente(), 40));

        List<Contract> contracts = jdbc.query(CONTRACTS, (rs, i) -> new Contract(rs.getLong("id"),
                rs.getString("product"), rs.getString("soort"), rs.getObject("begindatum", LocalDate.class),
                rs.getObject("historie_datum", LocalDate.class),
                new Medewerker(rs.getString("medewerker"), rs.getString("team"), rs.getString("bedrijf"))),
                relatie.relatiecode());
        LocalDate today = LocalDate.now(clock);

        aanvraag(contracts, "BBR").ifPresent(m -> {
            klant.setBBRAanvraagStatus("Aanvraag");
            fill(m, klant::setBBRAanvraagMedewerkerCode, klant::setBBRAanvraagMedewerkerTeam, klant::setBBRAanvraagMedewerkerBedrijf);
        });
        Optional<Contract> bbrActueel = actueel(contracts, "BBR");
        if (bbrActueel.isPresent()) {
            klant.setBBRStatus("Actueel");
            fill(bbrActueel.get().medewerker(), klant::setBBRMedewerkerCode, klant::setBBRMedewerkerTeam, klant::setBBRMedewerkerBedrijf);
            pincode(relatie.adresToelichting()).ifPresent(klant::setPincode);
        } else {
            recentHistorie(contracts, "BBR", today).ifPresent(c -> {
                klant.setBBRStatus("Historie");
                fill(c.medewerker(), klant::setBBRMedewerkerCode, klant::setBBRMedewerkerTeam, klant::setBBRMedewerkerBedrijf);
            });
        }

        aanvraag(contracts, "SR").ifPresent(m -> {
            klant.setSRAanvraagStatus("Aanvraag");
            fill(m, klant::setSRAanvraagMedewerkerCode, klant::setSRAanvraagMedewerkerTeam, klant::setSRAanvraagMedewerkerBedrijf);
        });
        actueel(contracts, "SR").ifPresent(c -> {
            klant.setSRStatus("Actueel");
            fill(c.medewerker(), klant::setSRMedewerkerCode, klant::setSRMedewerkerTeam, klant::setSRMedewerkerBedrijf);
        });

        aanvraag(contracts, "SR-NPS").ifPresent(m -> {
            klant.setSRNPSAanvraagStatus("Aanvraag");
            fill(m, klant::setSRNPSAanvraagMedewerkerCode, klant::setSRNPSAanvraagMedewerkerTeam, klant::setSRNPSAanvraagMedewerkerBedrijf);
        });
        actueel(contracts, "SR-NPS").ifPresent(c -> {
            klant.setSRNPSStatus("Actueel");
            fill(c.medewerker(), klant::setSRNPSMedewerkerCode, klant::setSRNPSMedewerkerTeam, klant::setSRNPSMedewerkerBedrijf);
        });

        aanvraag(contracts, "PL").ifPresent(m -> {
            klant.setPLAanvraagStatus("Aanvraag");
            fill(m, klant::setPLAanvraagMedewerkerCode, klant::setPLAanvraagMedewerkerTeam, klant::setPLAanvraagMedewerkerBedrijf);
        });
        actueel(contracts, "PL").ifPresent(c -> {
            klant.setPLStatus("Actueel");
            fill(c.medewerker(), klant::setPLMedewerkerCode, klant::setPLMedewerkerTeam, klant::setPLMedewerkerBedrijf);
        });

        aanvraag(contracts, "BW").ifPresent(m -> {
            klant.setBWAanvraagStatus("Aanvraag");
            fill(m, klant::setBWAanvraagMedewerkerCode, klant::setBWAanvraagMedewerkerTeam, klant::setBWAanvraagMedewerkerBedrijf);
        });
        actueel(contracts, "BW").ifPresent(c -> {
            klant.setBWStatus("Actueel");
            fill(c.medewerker(), klant::setBWMedewerkerCode, klant::setBWMedewerkerTeam, klant::setBWMedewerkerBedrijf);
        });

        jdbc.query(CASUS, rs -> {
            if (klant.getCasusStatus() == null) {
                klant.setCasusStatus(rs.getString("status"));
                klant.setCasusStatusDatum(xmlDate(rs.getObject("status_datum", LocalDate.class)));
                fill(new Medewerker(rs.getString("medewerker"), rs.getString("team"), rs.getString("bedrijf")),
                        klant::setCasusMedewerkerCode, klant::setCasusMedewerkerTeam, klant::setCasusMedewerkerBedrijf);
            }
        }, relatie.relatiecode());
        return klant;
    }

    private static Optional<Medewerker> aanvraag(List<Contract> contracts, String product) {
        return mostRecent(contracts, product, "Aanvraag").map(Contract::medewerker);
    }

    private static Optional<Contract> actueel(List<Contract> contracts, String product) {
        return mostRecent(contracts, product, "Contract");
    }

    private static Optional<Contract> mostRecent(List<Contract> contracts, String product, String soort) {
        return contracts.stream()
                .filter(c -> c.product().equals(product) && c.soort().equals(soort) && c.historieDatum() == null)
                .max(Comparator.comparing(Contract::begindatum).thenComparing(Contract::id));
    }

    /** A contract (not an application) that became historic less than six weeks ago; the latest. */
    private static Optional<Contract> recentHistorie(List<Contract> contracts, String product, LocalDate today) {
        LocalDate grens = today.minusDays(HISTORIE_DAGEN);
        return contracts.stream()
                .filter(c -> c.product().equals(product) && c.soort().equals("Contract") && c.historieDatum() != null
                        && c.historieDatum().isAfter(grens) && !c.historieDatum().isAfter(today))
                .max(Comparator.comparing(Contract::historieDatum).thenComparing(Contract::id));
    }

    /** Team and company only when there is an employee, as the seed says. */
    private static void fill(Medewerker medewerker, Consumer<String> code, Consumer<String> team, Consumer<String> bedrijf) {
        if (medewerker.code() == null) {
            return;
        }
        code.accept(truncate(medewerker.code(), 15));
        team.accept(truncate(medewerker.team(), 60));
        bedrijf.accept(truncate(medewerker.bedrijf(), 60));
    }

    /** The pincode is the 4-digit number in the toelichting of the bezoekadres (seed 000 §2.3, §3.8). */
    static Optional<Integer> pincode(String toelichting) {
        if (toelichting == null || !toelichting.trim().matches("\\d{4}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.valueOf(toelichting.trim()));
    }

    static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private XMLGregorianCalendar xmlDate(LocalDate date) {
        return date == null ? null : xmlDates.newXMLGregorianCalendarDate(date.getYear(), date.getMonthValue(),
                date.getDayOfMonth(), DatatypeConstants.FIELD_UNDEFINED);
    }

    private record Contract(long id, String product, String soort, LocalDate begindatum, LocalDate historieDatum,
                            Medewerker medewerker) {
    }

    private record Medewerker(String code, String team, String bedrijf) {
    }
}
