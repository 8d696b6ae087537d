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
        if (file != null && !Files.isRegularFile(file)) {
            throw new CookbookException("Configuration file " + file.toAbsolutePath() + " does not exist.",
                    "Copy cdc.properties.example to that path, or point --config (or " + CONFIG_ENV + ") at your file.");
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
        return new Settings(values, file == null ? null : file.toAbsolutePath().normalize(), projectDir);
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

    /** Trims, and drops the quotes people carry over from the Python conf.py ('value'). */
    private static String clean(String value) {
        String v = value.trim();
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
            throw new CookbookException("Unknown setting '" + key.trim() + "' " + where + ".",
                    close.isEmpty() ? "The settings are listed in cdc.properties.example."
                            : "Did you mean one of: " + close + "?");
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

    /** A port number, or a clear error naming the setting and where its value came from. */
    public int port(Setting s) {
        String v = get(s);
        try {
            int port = Integer.parseInt(v);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(s, "is not a port number.", "Use a number from 1 to 65535.");
    }

    /** A table or database name, checked so that configuration cannot inject SQL. */
    public String identifier(Setting s) {
        String v = get(s);
        if (!IDENTIFIER.matcher(v).matches()) {
            throw invalid(s, "is not a valid name.",
                    "Use lowercase letters, digits and _ (starting with a letter or _), at most 63 characters.");
        }
        return v;
    }

    private CookbookException invalid(Setting s, String problem, String hint) {
        String shown = s.isSecret() ? Redactor.mask(get(s)) : get(s);
        return new CookbookException(s.name() + " '" + shown + "' (" + where(s) + ") " + problem, hint);
    }

    private String where(Setting s) {
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
        return new Settings(copy, file, projectDir);
    }
}
