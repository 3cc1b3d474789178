package nl.switchboard.portier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What the Portier desk shows: the mutations with every field of seed 000 §3.7, and the tasks. */
@Component
public class PortierDeskView {

    private static final int MAX_ROWS = 500;

    private final JdbcTemplate jdbc;

    public PortierDeskView(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param processed false: received, still to be processed; true: processed (newest first) */
    public List<Mutatie> mutaties(boolean processed) {
        return jdbc.query("""
                SELECT id, soort_koppeling, soort_mutatie, datum, tijdstip, relatiecode, relatie_bsn, contract_code,
                       contract_volgnummer, oude_waarde, nieuwe_waarde, medewerker_uitvoering, datum_uitvoering,
                       tijdstip_uitvoering, uitvoering_automatisch, doorgevoerd, reden, bedrag, pogingen
                  FROM allegro.portier_mutatie
                 WHERE (doorgevoerd IS NOT NULL) = ?
                 ORDER BY id DESC LIMIT ?""",
                (rs, i) -> new Mutatie(rs.getLong("id"), rs.getString("soort_koppeling"), rs.getString("soort_mutatie"),
                        rs.getObject("datum", LocalDate.class), rs.getObject("tijdstip", LocalTime.class),
                        rs.getInt("relatiecode"), rs.getString("relatie_bsn"), rs.getString("contract_code"),
                        (Integer) rs.getObject("contract_volgnummer", Integer.class), rs.getString("oude_waarde"),
                        rs.getString("nieuwe_waarde"), rs.getString("medewerker_uitvoering"),
                        rs.getObject("datum_uitvoering", LocalDate.class), rs.getObject("tijdstip_uitvoering", LocalTime.class),
                        (Boolean) rs.getObject("uitvoering_automatisch"), (Boolean) rs.getObject("doorgevoerd"),
                        rs.getString("reden"), rs.getBigDecimal("bedrag"), (Integer) rs.getObject("pogingen", Integer.class)),
                processed, MAX_ROWS);
    }

    public List<Taak> taken() {
        return jdbc.query("""
                SELECT id, soort, medewerker_code, relatiecode, omschrijving, portier_mutatie_id, aangemaakt_op, afgehandeld
                  FROM allegro.taak ORDER BY id DESC LIMIT ?""",
                (rs, i) -> new Taak(rs.getLong("id"), rs.getString("soort"), rs.getString("medewerker_code"),
                        rs.getInt("relatiecode"), rs.getString("omschrijving"),
                        (Long) rs.getObject("portier_mutatie_id", Long.class),
                        rs.getObject("aangemaakt_op", java.time.OffsetDateTime.class), rs.getBoolean("afgehandeld")),
                MAX_ROWS);
    }

    public record Mutatie(long id, String soortKoppeling, String soortMutatie, LocalDate datum, LocalTime tijdstip,
                          int relatiecode, String relatieBsn, String contractCode, Integer contractVolgnummer,
                          String oudeWaarde, String nieuweWaarde, String medewerkerUitvoering, LocalDate datumUitvoering,
                          LocalTime tijdstipUitvoering, Boolean uitvoeringAutomatisch, Boolean doorgevoerd, String reden,
                          BigDecimal bedrag, Integer pogingen) {
    }

    public record Taak(long id, String soort, String medewerkerCode, int relatiecode, String omschrijving,
                       Long portierMutatieId, java.time.OffsetDateTime aangemaaktOp, boolean afgehandeld) {
    }
}
