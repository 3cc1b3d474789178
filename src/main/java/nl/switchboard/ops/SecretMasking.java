package nl.switchboard.ops;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in log text: values after a secret-sounding key (password=, "hash":, Access-Key: ...),
 * inside secret-sounding XML elements (SOAP's Wachtwoord, XML-RPC's accountPin member), and every
 * configured secret value wherever it appears, such as an access key inside a URL path. The logging
 * configuration applies it to every line; it is static because logback, not Spring, creates the
 * converters that call it.
 */
public final class SecretMasking {

    public static final String MASK = "****";
    /** Shorter configured values would mask ordinary words and numbers. */
    private static final int MIN_KNOWN_LENGTH = 4;
    private static final String SECRET_NAMES =
            "password|passwd|pwd|wachtwoord|hash|access[-_]?key|secret|token|pincode|pin|account[-_]?pin|account[-_]?code|cust[-_]?id";

    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)\\b(" + SECRET_NAMES + ")(\"?\\s*[=:]\\s*\"?)([^\\s&\"',;<>}]+)");
    private static final Pattern XML_ELEMENT = Pattern.compile(
            "(?i)(<(?:[\\w-]+:)?(" + SECRET_NAMES + ")>)([^<]*)(</)");
    private static final Pattern XML_RPC_MEMBER = Pattern.compile(
            "(?i)(<name>\\s*(?:" + SECRET_NAMES + ")\\s*</name>\\s*<value>\\s*(?:<string>)?)([^<]*)");

    private static final List<String> KNOWN = new CopyOnWriteArrayList<>();

    private SecretMasking() {
    }

    /** Masks these values wherever they appear from now on (configured passwords, keys, PINs). */
    public static void addKnownSecrets(Set<String> values) {
        values.stream().filter(v -> v != null && v.length() >= MIN_KNOWN_LENGTH && !KNOWN.contains(v))
                .forEach(KNOWN::add);
        // a longer secret containing a shorter one must be replaced first
        KNOWN.sort(Comparator.comparingInt(String::length).reversed());
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : KNOWN) {
            masked = masked.replace(secret, MASK);
        }
        masked = replace(XML_ELEMENT, masked, "$1" + MASK + "$4");
        masked = replace(XML_RPC_MEMBER, masked, "$1" + MASK);
        return replace(KEY_VALUE, masked, "$1$2" + MASK);
    }

    private static String replace(Pattern pattern, String text, String replacement) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.replaceAll(replacement) : text;
    }
}
