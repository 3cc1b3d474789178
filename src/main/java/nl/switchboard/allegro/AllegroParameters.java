package nl.switchboard.allegro;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Allegro's parameters (seed 000 §6), read on every use: an administrator who changes one in Allegro
 * expects the bus to follow without a restart.
 */
@Component
public class AllegroParameters {

    public static final int MODULE_TELEFOON = 197;
    public static final int AANMELDCODE = 300;
    public static final int WACHTWOORD = 301;
    public static final int VRIJ_OPNEEMBARE_RESERVERINGEN = 329;

    private final JdbcTemplate jdbc;

    public AllegroParameters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> value(int nummer) {
        return jdbc.query("SELECT waarde FROM allegro.parameter WHERE nummer = ?",
                (rs, i) -> rs.getString("waarde"), nummer).stream().findFirst().map(String::trim);
    }

    /** Allegro's yes/no parameters say 'Ja' or 'Nee'. */
    public boolean isJa(int nummer) {
        return value(nummer).map(v -> v.equalsIgnoreCase("Ja")).orElse(false);
    }

    /** A semicolon-separated list of numbers, such as parameter 329 ("4;7"). */
    public List<Integer> numbers(int nummer) {
        return value(nummer).stream()
                .flatMap(v -> Arrays.stream(v.split(";")))
                .map(String::trim)
                .filter(s -> s.matches("\\d{1,9}"))
                .map(Integer::valueOf)
                .toList();
    }
}
