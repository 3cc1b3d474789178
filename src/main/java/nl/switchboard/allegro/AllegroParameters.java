package nl.switchboard.allegro;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Allegro's parameters (seed 000 §6), read anew for every request or use: an administrator who changes
 * one in Allegro expects the bus to follow without a restart.
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

    /** The parameters one request needs, in one query: one round trip to the database, not one each. */
    public ParameterValues read(int... nummers) {
        String placeholders = Arrays.stream(nummers).mapToObj(n -> "?").collect(Collectors.joining(", "));
        Map<Integer, String> values = new HashMap<>();
        jdbc.query("SELECT nummer, waarde FROM allegro.parameter WHERE nummer IN (" + placeholders + ")", rs -> {
            String waarde = rs.getString("waarde");
            if (waarde != null) {
                values.put(rs.getInt("nummer"), waarde);
            }
        }, Arrays.stream(nummers).boxed().toArray());
        return new ParameterValues(values);
    }

    public Optional<String> value(int nummer) {
        return read(nummer).value(nummer);
    }

    public boolean isJa(int nummer) {
        return read(nummer).isJa(nummer);
    }
}
