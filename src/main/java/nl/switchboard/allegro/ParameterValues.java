package nl.switchboard.allegro;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Some of Allegro's parameters as they were when read, all in one query ({@link AllegroParameters#read}). */
public record ParameterValues(Map<Integer, String> values) {

    public ParameterValues {
        values = Map.copyOf(values);
    }

    public Optional<String> value(int nummer) {
        return Optional.ofNullable(values.get(nummer)).map(String::trim);
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
