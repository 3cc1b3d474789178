package nl.switchboard.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A whole message as the bus must produce it, kept in {@code src/test/resources/golden/}: every field,
 * no more, no fewer. A golden value {@value #VARIES} stands for one that differs from run to run (a time
 * of now, a database id, an id derived from one) and must be there and not empty.
 */
public final class GoldenFile {

    public static final String VARIES = "…";
    /** Amounts as decimals with their scale, as the canonical message carries them: 25.00 is not 25. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private GoldenFile() {
    }

    /** Fails naming every difference between the message's JSON text and golden/{name}.json. */
    public static void assertMatches(String name, String actualJson) {
        if (actualJson == null) {
            throw new AssertionError("No message, where golden/" + name + ".json is expected");
        }
        JsonNode actual;
        try {
            actual = JSON.readTree(actualJson);
        } catch (IOException e) {
            throw new AssertionError("Not JSON, where golden/" + name + ".json is expected: " + actualJson, e);
        }
        List<String> differences = new ArrayList<>();
        compare("", read(name), actual, differences);
        if (!differences.isEmpty()) {
            throw new AssertionError("Not as golden/" + name + ".json: " + String.join("; ", differences)
                    + "\nthe message:\n" + actualJson);
        }
    }

    private static void compare(String path, JsonNode golden, JsonNode actual, List<String> differences) {
        if (golden.isTextual() && golden.asText().equals(VARIES)) {
            if (actual == null || actual.isNull() || actual.asText().isEmpty()) {
                differences.add(path + " missing or empty");
            }
        } else if (golden.isObject() && actual != null && actual.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            golden.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String field : names) {
                if (!golden.has(field)) {
                    differences.add(path + "/" + field + " not in the golden file: " + actual.get(field));
                } else if (!actual.has(field)) {
                    differences.add(path + "/" + field + " missing");
                } else {
                    compare(path + "/" + field, golden.get(field), actual.get(field), differences);
                }
            }
        } else if (golden.isArray() && actual != null && actual.isArray() && golden.size() == actual.size()) {
            for (int i = 0; i < golden.size(); i++) {
                compare(path + "/" + i, golden.get(i), actual.get(i), differences);
            }
        } else if (!golden.equals(actual)) {
            differences.add(path + " is " + actual + ", golden " + golden);
        }
    }

    private static JsonNode read(String name) {
        try (InputStream in = GoldenFile.class.getResourceAsStream("/golden/" + name + ".json")) {
            if (in == null) {
                throw new AssertionError("No golden file golden/" + name + ".json");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new AssertionError("Unreadable golden file golden/" + name + ".json", e);
        }
    }
}
