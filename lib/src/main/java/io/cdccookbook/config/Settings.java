package io.cdccookbook.config;

import io.cdccookbook.CookbookException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The cookbook's configuration: defaults, then {@code cdc.properties}, then environment variables, then
 * {@code --set KEY=VALUE} on the command line, each overriding the one before. Values are checked when a
 * command asks for them, so each command validates only what it uses.
 */
public final class Settings {

    public static final String FILE_NAME = "cdc.properties";
    public static final String CONFIG_ENV = "CDC_CONFIG";

    /** Where a value came from, shown next to it so users know what to edit. */
    public enum Origin { DEFAULT, FILE, ENVIRONMENT, COMMAND_LINE }

    private record Value(String text, Origin origin) {
    }

    // Lowercase only: PostgreSQL folds unquoted names to lowercase and Debezium's include lists and
    // Kafka topic names are case-sensitive, so mixed case breaks the pipeline in confusing ways.
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final Map<Setting, Value> values;
    private final Path file;
    private final Path projectDir;

    private Settings(Map<Setting, Value> values, Path file, Path projectDir) {
        this.values = values;
        this.file = file;
        this.projectDir = projectDir;
    }

    /**
     * Loads settings.
     *
     * @param explicitFile a file named with --config, or null to use $CDC_CONFIG or look for cdc.properties
     * @param env          environment variables (System.getenv() outside tests)
     * @param overrides    KEY=VALUE pairs from the command line
     * @param workingDir   where to start looking for cdc.properties
     */
    public static Settings load(Path explicitFile, Map<String, String> env, Map<String, String> overrides,
                                Path workingDir) {
        Path file = explicitFile;
        if (file == null && env.get(CONFIG_ENV) != null && !env.get(CONFIG_ENV).isBlank()) {
            file = Path.of(env.get(CONFIG_ENV));
        }
        if (file != null && Files.isDirectory(file)) {
            throw new SettingException("Configuration file " + file.toAbsolutePath() + " is a folder, not a settings file.",
                    "Point --config (or " + CONFIG_ENV + ") at the file itself, e.g. " + file.resolve(FILE_NAME) + ".",
                    explicitFile != null);
        }
        if (file != null && !Files.isRegularFile(file)) {
            throw new SettingException("Configuration file " + file.toAbsolutePath() + " does not exist.",
                    "Copy cdc.properties.example to that path, or point --config (or " + CONFIG_ENV + ") at your file.",
                    explicitFile != null);
        }
        Path projectDir = workingDir.toAbsolutePath().normalize();
        if (file == null) {
            for (Path dir = projectDir; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve(FILE_NAME))) {
                    file = dir.resolve(FILE_NAME);
                    projectDir = dir;
                    break;
                }
                if (isProjectRoot(dir)) {
                    projectDir = dir;
                    break;
                }
            }
        } else {
            projectDir = file.toAbsolutePath().normalize().getParent();
        }

        Map<Setting, Value> values = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            values.put(s, new Value(s.defaultValue(), Origin.DEFAULT));
        }
        if (file != null) {
            readFile(file).forEach((k, v) -> values.put(known(k, "in " + FILE_NAME), new Value(v, Origin.FILE)));
        }
        for (Setting s : Setting.values()) {
            String v = env.get(s.name());
            if (v != null) {
                values.put(s, new Value(clean(v), Origin.ENVIRONMENT));
            }
        }
        overrides.forEach((k, v) -> values.put(known(k, "in --set"), new Value(clean(v), Origin.COMMAND_LINE)));

        values.forEach((s, v) -> {
            if (s.isSecret()) {
                Redactor.register(v.text());
            }
        });
        Settings settings = new Settings(values, file == null ? null : file.toAbsolutePath().normalize(), projectDir);
        // every value is checked now, whether or not this command uses it: a typo is found at once
        for (Setting s : Setting.values()) {
            settings.check(s);
        }
        return settings;
    }

    /** Settings from defaults and the given pairs only: for tests and notebooks. */
    public static Settings of(Map<String, String> pairs) {
        return load(null, Map.of(), pairs, Path.of(".").toAbsolutePath());
    }

    private static boolean isProjectRoot(Path dir) {
        return Files.exists(dir.resolve(".git")) || Files.isRegularFile(dir.resolve("jbang-catalog.json"));
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new CookbookException("Cannot read " + file + ": " + e.getMessage(),
                    "Check that it is a KEY=VALUE properties file like cdc.properties.example.", e);
        }
        return properties.stringPropertyNames().stream()
                .collect(Collectors.toMap(k -> k.trim(), k -> clean(properties.getProperty(k))));
    }

    /**
     * Trims, and drops the quotes people carry over from the Python conf.py ('value'). The Redactor's
     * markers cannot come from outside: they would decide what is shown.
     */
    private static String clean(String value) {
        String v = Redactor.withoutMarkers(value).trim();
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            v = v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static Setting known(String key, String where) {
        try {
            return Setting.valueOf(key.trim());
        } catch (IllegalArgumentException e) {
            String close = Arrays.stream(Setting.values()).map(Enum::name)
                    .filter(n -> n.startsWith(key.trim().split("_")[0] + "_")).collect(Collectors.joining(", "));
            throw new SettingException("Unknown setting '" + Redactor.withoutMarkers(key.trim()) + "' " + where + ".",
                    close.isEmpty() ? "The settings are listed in cdc.properties.example."
                            : "Did you mean one of: " + close + "?", where.contains("--set"));
        }
    }

    /** The value, or "" when unset. Secrets come back in clear: never print them, use {@link #display}. */
    public String get(Setting s) {
        String v = values.get(s).text();
        if (v.isEmpty() && s == Setting.TINYBIRD_CONFLUENT_CONNECTION_NAME) {
            return get(Setting.CONFLUENT_CLUSTER_NAME); // the original's default: the cluster's name
        }
        return v;
    }

    public boolean isSet(Setting s) {
        return !get(s).isEmpty();
    }

    public Origin origin(Setting s) {
        return values.get(s).origin();
    }

    /** A port number (checked when the settings loaded). */
    public int port(Setting s) {
        check(s);
        return Integer.parseInt(get(s));
    }

    /** A table or database name (checked when the settings loaded, so that configuration cannot inject SQL). */
    public String identifier(Setting s) {
        check(s);
        return get(s);
    }

    /** Fails with one line naming the setting, its value, where it came from and what it should be. */
    private void check(Setting s) {
        String v = values.get(s).text();
        switch (s.kind()) {
            case PORT -> {
                if (!v.matches("[0-9]{1,5}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > 65535) {
                    throw invalid(s, "is not a port number.", "Use a number from 1 to 65535.");
                }
            }
            case IDENTIFIER -> {
                if (!IDENTIFIER.matcher(v).matches()) {
                    throw invalid(s, "is not a valid name.",
                            "Use lowercase letters, digits and _ (starting with a letter or _), at most 63 characters.");
                }
            }
            case HOST -> checkHost(s, v);
            case CHOICE -> {
                if (s.choices().stream().noneMatch(c -> c.equalsIgnoreCase(v))) {
                    throw invalid(s, "is not one of " + String.join(", ", s.choices()) + ".",
                            "Use one of them (any case).");
                }
            }
            case URL -> {
                if (!(v.isEmpty() && s.defaultValue().isEmpty()) && !v.matches("(?i)https?://[^\\s/?#@]+(/[^\\s]*)?")) {
                    throw invalid(s, "is not an http(s) URL.", "Use a URL such as " + (s.defaultValue().isEmpty() ? "https://host.example.com" : s.defaultValue()) + ".");
                }
            }
            case PLAIN, SECRET -> {
                // anything goes: names the services check themselves, and secrets
            }
        }
    }

    /** A host is a name or an address: users paste URLs and host:port from consoles, so those get told where each part goes. */
    private void checkHost(Setting s, String v) {
        if (v.isEmpty()) {
            return;
        }
        String port = s == Setting.PG_HOST_URL ? "PG_PORT" : "MYSQL_PORT";
        if (v.contains("://")) {
            throw invalid(s, "is a URL, not a host.", "Give the host name only (e.g. db.example.com), the port in " + port
                    + " and the database, user and password in their own settings.");
        }
        String unbracketed = v.startsWith("[") && v.endsWith("]") ? v.substring(1, v.length() - 1) : v;
        boolean ipv6 = unbracketed.matches("[0-9a-fA-F:.]+") && unbracketed.chars().filter(c -> c == ':').count() >= 2;
        if (!ipv6 && v.matches("[^:]+:[0-9]*")) {
            throw invalid(s, "has a port in it.", "Put the host in " + s.name() + " and the port in " + port + " (--set "
                    + port + "=" + v.substring(v.indexOf(':') + 1) + ").");
        }
        if (!ipv6 && !v.matches("[A-Za-z0-9]([A-Za-z0-9._-]{0,252})")) {
            throw invalid(s, "is not a host name or address.", "Use a name such as db.example.com or an address such as 10.0.0.5.");
        }
    }

    private SettingException invalid(Setting s, String problem, String hint) {
        String shown = s.isSecret() ? Redactor.mask(get(s)) : abbreviate(values.get(s).text());
        return new SettingException(s.name() + " '" + shown + "' (" + where(s) + ") " + problem, hint,
                origin(s) == Origin.COMMAND_LINE);
    }

    /** A value as an error may quote it: one line, not a page. */
    private static String abbreviate(String value) {
        String oneLine = value.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }

    /** Where the value of {@code s} came from, for messages: "from --set", "from the environment", ... */
    public String where(Setting s) {
        return switch (origin(s)) {
            case DEFAULT -> "the default";
            case FILE -> "from " + file;
            case ENVIRONMENT -> "from the environment";
            case COMMAND_LINE -> "from --set";
        };
    }

    /**
     * Fails with one message naming every unset setting that {@code purpose} needs and where to set it.
     */
    public void require(String purpose, Setting... needed) {
        List<String> missing = new ArrayList<>();
        for (Setting s : needed) {
            if (!isSet(s)) {
                missing.add(s.name());
            }
        }
        if (!missing.isEmpty()) {
            String target = file != null ? file.toString() : projectDir.resolve(FILE_NAME) + " (copy cdc.properties.example)";
            throw new CookbookException(purpose + " needs " + String.join(", ", missing) + ", which "
                    + (missing.size() == 1 ? "is" : "are") + " not set.",
                    "Set " + (missing.size() == 1 ? "it" : "them") + " in " + target
                            + ", as environment variables, or with --set " + missing.get(0) + "=...");
        }
    }

    /** Every setting with its value as it may be shown (secrets masked) and its origin. */
    public List<List<String>> display() {
        List<List<String>> rows = new ArrayList<>();
        for (Setting s : Setting.values()) {
            String v = s.isSecret() ? Redactor.mask(get(s)) : get(s);
            rows.add(List.of(s.name(), v, origin(s).name().toLowerCase().replace('_', ' ')));
        }
        return rows;
    }

    /** The configuration file in use, or null when there is none (defaults and environment only). */
    public Path file() {
        return file;
    }

    /** The folder of the configuration file, else the checkout's root, else the working directory. */
    public Path projectDir() {
        return projectDir;
    }

    /** Where embedded databases, offsets and replicas live between commands. */
    public Path stateDir() {
        String configured = get(Setting.CDC_STATE_DIR);
        return configured.isEmpty() ? projectDir.resolve(".cdc-state") : projectDir.resolve(configured).normalize();
    }

    /** A copy with some values replaced, as if given with --set. */
    public Settings with(Map<Setting, String> replacements) {
        Map<Setting, Value> copy = new EnumMap<>(values);
        replacements.forEach((s, v) -> {
            copy.put(s, new Value(v, Origin.COMMAND_LINE));
            if (s.isSecret()) {
                Redactor.register(v);
            }
        });
        Settings changed = new Settings(copy, file, projectDir);
        replacements.keySet().forEach(changed::check);
        return changed;
    }
}
