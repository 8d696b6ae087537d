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
    // scheme://user:password@ (a JDBC URL, a connection string): the user is shown, the password masked
    // user:password@host, with a scheme:// or // before it or without one (where a host name is expected)
    private static final Pattern URL_USERINFO = Pattern.compile(
            "(?i)((?:[a-z][a-z0-9+.-]*:)?//[^\\s/?#@:]*:|(?<![^\\s'\"(=])[^\\s/?#@:'\"(=]+:)[^\\s/?#]*@");
    private static final Pattern BASIC_AUTH = Pattern.compile("(?i)(Authorization:\\s*(?:Basic|Bearer)\\s+)(\\S+)");

    private static final List<String> SECRETS = new CopyOnWriteArrayList<>();
    // Unicode private-use characters: no text the cookbook meets carries them, and settings have them removed.
    private static final char SHOWN_START = '\uE000';
    private static final char SHOWN_END = '\uE001';

    private Redactor() {
    }

    /** Masks {@code secret} from now on, in each of its {@link SecretForms forms}. */
    public static void register(String secret) {
        if (secret == null || secret.length() < MIN_LENGTH) {
            return;
        }
        boolean added = false;
        for (String form : SecretForms.of(secret)) {
            if (!SECRETS.contains(form)) {
                SECRETS.add(form);
                added = true;
            }
        }
        if (added) {
            // longest first, so a secret that contains another is masked whole
            SECRETS.sort(Comparator.comparingInt(String::length).reversed());
        }
    }

    /**
     * Masks a user and secret sent together as HTTP Basic or SASL PLAIN credentials: their base64 is not
     * made of the secret's own base64, so an error body that repeats the Authorization header needs this.
     */
    public static void registerCredentials(String user, String secret) {
        register(secret);
        if (user != null && secret != null && !secret.isEmpty()) {
            register(user + ":" + secret);
        }
    }

    /**
     * Masks every secret in {@code text}, except inside values marked with {@link #shown}: those are shown as
     * they are, and the markers go.
     */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        int open = text.indexOf(SHOWN_START);
        if (open < 0) {
            return redactFreeText(text);
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        while (open >= 0) {
            int close = text.indexOf(SHOWN_END, open + 1);
            if (close < 0) {
                break; // an unclosed marker shows nothing: the rest is masked as usual
            }
            out.append(redactFreeText(text.substring(at, open))).append(text, open + 1, close);
            at = close + 1;
            open = text.indexOf(SHOWN_START, at);
        }
        return out.append(redactFreeText(withoutMarkers(text.substring(at)))).toString();
    }

    /**
     * Marks a structured value (a host, a user name, a database or table name) to be shown as it is where
     * the cookbook prints it through {@link #redact}, even when a secret has the same text: a password equal
     * to the user name must not turn "postgres@host/postgres_cdc_demo" into "********@host/********_cdc_demo".
     * The same text elsewhere in the line is still masked.
     */
    public static String shown(String value) {
        return value == null ? null : SHOWN_START + withoutMarkers(value) + SHOWN_END;
    }

    /** The text without {@link #shown} markers (values from outside may not carry them). */
    public static String withoutMarkers(String text) {
        return text == null ? null : text.replace(String.valueOf(SHOWN_START), "").replace(String.valueOf(SHOWN_END), "");
    }

    private static String redactFreeText(String text) {
        String result = text;
        for (String secret : SECRETS) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        result = maskUserInfo(result);
        result = KEY_VALUE.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        return BASIC_AUTH.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }

    /** {@code scheme://user:password@host} as {@code scheme://user:********@host}, wherever it is in {@code text}. */
    public static String maskUserInfo(String text) {
        return text == null || !text.contains("@") ? text
                : URL_USERINFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
    }

    /** Every secret registered so far in this process, in each form (the suite's final check looks for them in its output). */
    static List<String> registered() {
        return List.copyOf(SECRETS);
    }

    /** How a secret is shown where configuration is listed: whether it is set, never its value. */
    public static String mask(String value) {
        return value == null || value.isEmpty() ? "" : MASK;
    }
}
