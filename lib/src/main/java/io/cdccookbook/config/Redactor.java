package io.cdccookbook.config;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of everything the cookbook prints: command output, logs and error messages.
 * Secret values are registered when settings load; {@link #redact} replaces them wherever they appear,
 * and also masks the usual "password=..." shapes of connection strings that drivers echo back.
 */
public final class Redactor {

    public static final String MASK = "********";

    // Secrets shorter than this would mask ordinary words; they are still masked where config is shown.
    private static final int MIN_LENGTH = 4;
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)((?:password|passwd|pwd|secret|token|api[._-]?key|sasl\\.jaas\\.config)[\"']?(?:\\s*=\\s*[\"']?|\\s*:\\s*[\"']))([^\\s&;,\"'}]+)");
    private static final Pattern BASIC_AUTH = Pattern.compile("(?i)(Authorization:\\s*(?:Basic|Bearer)\\s+)(\\S+)");

    private static final List<String> SECRETS = new CopyOnWriteArrayList<>();

    private Redactor() {
    }

    public static void register(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH && !SECRETS.contains(secret)) {
            SECRETS.add(secret);
            // longest first, so a secret that contains another is masked whole
            SECRETS.sort(Comparator.comparingInt(String::length).reversed());
        }
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : SECRETS) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        result = KEY_VALUE.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        return BASIC_AUTH.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }

    /** Every secret registered so far in this process (the suite's final check looks for them in its output). */
    static List<String> registered() {
        return List.copyOf(SECRETS);
    }

    /** How a secret is shown where configuration is listed: whether it is set, never its value. */
    public static String mask(String value) {
        return value == null || value.isEmpty() ? "" : MASK;
    }
}
