package nl.switchboard.allegro.telefoon;

import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

@Component
public class RelatieReader {

    private final JdbcTemplate jdbc;

    public RelatieReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Relatie> find(int relatiecode) {
        return jdbc.query("""
                SELECT r.relatiecode, r.soort, r.zoeknaam, r.buiten_gebruik, r.partner_relatiecode,
                       a.gemeente, a.toelichting
                  FROM allegro.relatie r
                  LEFT JOIN allegro.adres a ON a.relatiecode = r.relatiecode AND a.soort = 'Bezoekadres'
                 WHERE r.relatiecode = ?""",
                (rs, i) -> new Relatie(rs.getInt("relatiecode"), "Organisatie".equals(rs.getString("soort")),
                        rs.getString("zoeknaam"), rs.getBoolean("buiten_gebruik"),
                        (Integer) rs.getObject("partner_relatiecode", Integer.class),
                        rs.getString("gemeente"), rs.getString("toelichting")),
                relatiecode).stream().findFirst();
    }

    /**
     * The standard payment method as the TelefoonService shows it (seed 000 §2.4): the IBAN, else the
     * BBAN, of an account; 'Prepaid Debit Card' or 'BNG Prepaid Kaart'; empty for Prs, Kas, Cheque or
     * none, which means no withdrawal to it is possible.
     */
    public String betaalwijze(Integer relatiecode) {
        if (relatiecode == null) {
            return "";
        }
        return jdbc.query("SELECT soort, iban, bban FROM allegro.betaalwijze WHERE relatiecode = ?", (rs, i) -> {
            String soort = rs.getString("soort");
            return switch (soort) {
                case "Rekening" -> firstFilled(rs.getString("iban"), rs.getString("bban"));
                case "Prepaid Debit Card", "BNG Prepaid Kaart" -> soort;
                default -> "";
            };
        }, relatiecode).stream().findFirst().orElse("");
    }

    private static String firstFilled(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first.trim();
        }
        return second == null ? "" : second.trim();
    }
}
