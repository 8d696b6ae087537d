package io.cdccookbook.config;

import io.cdccookbook.CookbookException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The cookbook's configuration: defaults, then {@code cdc.properties}, then environment variables, then
 * {@code --set KEY=VALUE} on the command line, each overriding the one before. Every value is checked when the
 * settings load; a command then asks only for the settings it uses.
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
    private final Path workingDir;
    private final Path checkout;
    private final String how;

    private Settings(Map<Setting, Value> values, Path file, Path projectDir, Path workingDir, Path checkout, String how) {
        this.values = values;
        this.file = file;
        this.projectDir = projectDir;
        this.workingDir = workingDir;
        this.checkout = checkout;
        this.how = how;
    }

    /**
     * Loads settings.
     *
     * <p>Where the file is: {@code explicitFile}, else $CDC_CONFIG, else {@code cdc.properties} in the working folder;
     * when the working folder is inside a checkout (the nearest folder at or above it with {@code jbang-catalog.json}
     * or {@code .git}), also in each folder above it up to and including the checkout's root, never further. A file
     * found or named is read only when it belongs to the current user (or root) and neither its group nor others
     * may write to it, as ssh does with its configuration: another user's file is refused, never used.
     *
     * <p>The project folder (datafiles, and {@code .cdc-state} unless CDC_STATE_DIR says otherwise) is the
     * checkout's root when the working folder is in a checkout, else the working folder; never the folder of a file
     * named with --config or $CDC_CONFIG.
     *
     * @param explicitFile a file named with --config, or null to use $CDC_CONFIG or look for cdc.properties
     * @param env          environment variables (System.getenv() outside tests)
     * @param overrides    KEY=VALUE pairs from the command line, values exactly as typed (see {@link #overrides})
     * @param workingDir   where to start looking for cdc.properties
     */
    public static Settings load(Path explicitFile, Map<String, String> env, Map<String, String> overrides,
                                Path workingDir) {
        Path working = workingDir.toAbsolutePath().normalize();
        Path checkout = SettingsFile.checkoutRoot(working);
        Path projectDir = checkout != null ? checkout : working;
        Path file = explicitFile;
        String how = "--config";
        if (file == null && env.get(CONFIG_ENV) != null && !env.get(CONFIG_ENV).isBlank()) {
            file = Path.of(env.get(CONFIG_ENV));
            how = "$" + CONFIG_ENV;
        }
        if (file == null) {
            for (Path dir = working; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(FILE_NAME);
                if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                    file = candidate;
                    how = dir.equals(working) ? "found in the working folder"
                            : "found above the working folder, in the checkout " + checkout;
                    break;
                }
                if (checkout == null || dir.equals(checkout)) {
                    break; // never above the checkout's root, nor above the working folder outside a checkout
                }
            }
        }
        if (file != null) {
            SettingsFile.check(file, how, explicitFile != null);
            file = file.toAbsolutePath().normalize();
        }

        Map<Setting, Value> values = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            values.put(s, new Value(s.defaultValue(), Origin.DEFAULT));
        }
        if (file != null) {
            Path shownFile = file;
            SettingsFile.read(file).forEach((k, line) -> values.put(known(k.key(), "in " + shownFile + " (line " + k.line() + ")", false),
                    new Value(clean(line), Origin.FILE)));
        }
        for (Setting s : Setting.values()) {
            String v = env.get(s.name());
            if (v != null) {
                values.put(s, new Value(clean(v), Origin.ENVIRONMENT));
            }
        }
        // --set values are used exactly as typed (quotes and spaces included): only the Redactor's markers go
        overrides.forEach((k, v) -> values.put(known(k, "in --set", true), new Value(Redactor.withoutMarkers(v), Origin.COMMAND_LINE)));

        values.forEach((s, v) -> {
            if (s.isSecret()) {
                Redactor.register(v.text());
            }
        });
        Settings settings = new Settings(values, file, projectDir, working, checkout, how);
        // every value is checked now, whether or not this command uses it: a typo is found at once
        for (Setting s : Setting.values()) {
            settings.check(s);
        }
        return settings;
    }

    /**
     * The pairs of {@code --set KEY=VALUE}, split at the first '=', values exactly as typed. A pair without '=' or
     * without a key is a command-line error that does not repeat it (it may be a secret typed without its key).
     */
    public static Map<String, String> overrides(List<String> pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            String pair = pairs.get(i);
            int eq = pair.indexOf('=');
            String which = pairs.size() == 1 ? "The --set value" : "--set value number " + (i + 1);
            if (eq < 0) {
                throw new SettingException(which + " has no '=' (it is not shown: it may be a secret).",
                        "Write --set KEY=VALUE, e.g. --set PG_HOST_URL=db.example.com.", true);
            }
            if (pair.substring(0, eq).isBlank()) {
                throw new SettingException(which + " has no setting name before '='.",
                        "Write --set KEY=VALUE, e.g. --set PG_HOST_URL=db.example.com; the settings are listed in cdc.properties.example.", true);
            }
            map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
        }
        return map;
    }

    /** Settings from defaults and the given pairs only: for tests and notebooks. */
    public static Settings of(Map<String, String> pairs) {
        return load(null, Map.of(), pairs, Path.of(".").toAbsolutePath());
    }

    /**
     * Trims, and drops the quotes people carry over from the Python conf.py ('value'): for the file and the
     * environment. The Redactor's markers cannot come from outside: they would decide what is shown.
     */
    private static String clean(String value) {
        String v = Redactor.withoutMarkers(value).trim();
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            v = v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static Setting known(String key, String where, boolean fromCommandLine) {
        try {
            return Setting.valueOf(key.trim());
        } catch (IllegalArgumentException e) {
            String close = Arrays.stream(Setting.values()).map(Enum::name)
                    .filter(n -> n.startsWith(key.trim().split("_")[0] + "_")).collect(Collectors.joining(", "));
            throw new SettingException("Unknown setting '" + abbreviate(Redactor.withoutMarkers(key.trim())) + "' " + where + ".",
                    close.isEmpty() ? "The settings are listed in cdc.properties.example."
                            : "Did you mean one of: " + close + "?", fromCommandLine);
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

    /**
     * The tables a pipeline captures: CDC_TABLES when set (by --table, the environment or the file), else
     * the users demo's USERS_TABLE_NAME.
     */
    public List<String> tables() {
        check(Setting.CDC_TABLES);
        String v = get(Setting.CDC_TABLES);
        return v.isBlank() ? List.of(identifier(Setting.USERS_TABLE_NAME)) : Stream.of(v.split(",")).map(String::strip).toList();
    }

    /** The columns left out of the capture, as {@code table.column} (CDC_EXCLUDE_COLUMNS, --exclude-column). */
    public List<String> excludedColumns() {
        check(Setting.CDC_EXCLUDE_COLUMNS);
        String v = get(Setting.CDC_EXCLUDE_COLUMNS);
        return v.isBlank() ? List.of() : Stream.of(v.split(",")).map(String::strip).distinct().toList();
    }

    /** Whether the tables were named (CDC_TABLES or USERS_TABLE_NAME set), so that they win over remembered state. */
    public boolean tablesNamed() {
        return origin(Setting.CDC_TABLES) != Origin.DEFAULT || origin(Setting.USERS_TABLE_NAME) != Origin.DEFAULT;
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
            case TABLES -> {
                List<String> names = v.isBlank() ? List.of() : List.of(v.split(",", -1));
                if (names.stream().map(String::strip).anyMatch(n -> !IDENTIFIER.matcher(n).matches())) {
                    throw invalid(s, "is not a list of table names.",
                            "Separate names with commas; each is lowercase letters, digits and _ (starting with a letter or _), at most 63.");
                }
                if (names.stream().map(String::strip).distinct().count() < names.size()) {
                    throw invalid(s, "names a table twice.", "Name each table once.");
                }
            }
            case COLUMNS -> {
                List<String> pairs = v.isBlank() ? List.of() : List.of(v.split(",", -1));
                if (pairs.stream().map(String::strip).anyMatch(n -> n.split("\\.", -1).length != 2
                        || Stream.of(n.split("\\.", -1)).anyMatch(part -> !IDENTIFIER.matcher(part).matches()))) {
                    throw invalid(s, "is not a list of table.column names.",
                            "Separate them with commas, e.g. orders.notes,orders.picture; each name is lowercase letters, digits and _.");
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
            case CREDENTIAL -> {
                for (int i = 0; i < v.length(); i++) {
                    if (v.charAt(i) < 0x21 || v.charAt(i) > 0x7e) {
                        throw invalid(s, "has a character that cannot go in an HTTP header at position " + (i + 1)
                                + ": keys, secrets and tokens are visible ASCII (letters, digits, punctuation; no spaces).",
                                "Copy it again from the console that made it; the value is not shown.");
                    }
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
        String shown = s.isSecret() ? Redactor.mask(get(s)) : abbreviate(Redactor.maskUserInfo(values.get(s).text()));
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
            // the tables' settings have options of their own, which set them as --set does
            case COMMAND_LINE -> s == Setting.CDC_TABLES ? "from --table or --set" : s == Setting.CDC_EXCLUDE_COLUMNS
                    ? "from --exclude-column or --set" : "from --set";
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
            String v = s.isSecret() ? Redactor.mask(get(s)) : Redactor.maskUserInfo(get(s));
            rows.add(List.of(s.name(), v, origin(s).name().toLowerCase().replace('_', ' ')));
        }
        return rows;
    }

    /** The configuration file in use, or null when there is none (defaults and environment only). */
    public Path file() {
        return file;
    }

    /** The checkout's root when the working folder is in a checkout, else the working folder. */
    public Path projectDir() {
        return projectDir;
    }

    /** One line saying which settings file was read, how it was found, and where the state folder is. */
    public String fileNotice() {
        String state = " State folder: " + stateDirPath() + ".";
        if (file != null) {
            return "Settings: " + file + " (" + how + ")." + state;
        }
        return "Settings: no settings file (looked for " + FILE_NAME + " in " + workingDir
                + (checkout != null && !checkout.equals(workingDir) ? " and the folders above it up to the checkout's root " + checkout : "")
                + "); using the defaults, the environment and --set." + state;
    }

    /**
     * Where embedded databases, offsets and replicas live between commands: CDC_STATE_DIR (relative to the
     * project folder), else {@code .cdc-state} in it. Refused when it is another user's, or would be made in a
     * folder every user may write to (such as /tmp): others could make it first, or swap it.
     */
    public Path stateDir() {
        Path dir = stateDirPath();
        try {
            if (Files.getFileStore(existingAncestor(dir)).supportsFileAttributeView("unix")) {
                if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                    int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                    if (!SettingsFile.isCurrentUser(owner, dir, LinkOption.NOFOLLOW_LINKS)) {
                        throw new SettingException("The state folder " + dir + " belongs to " + Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName()
                                + ", not to you.", "Set CDC_STATE_DIR to a folder of your own, or run the command from your checkout.",
                                origin(Setting.CDC_STATE_DIR) == Origin.COMMAND_LINE);
                    }
                    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
                    if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
                        // others could plant links in it (embedded -> a folder of theirs) and so run their binaries
                        throw new SettingException("The state folder " + dir + " is one other users can write to.",
                                "Make it yours alone (chmod 700 " + dir + "), or set CDC_STATE_DIR to a new folder.",
                                origin(Setting.CDC_STATE_DIR) == Origin.COMMAND_LINE);
                    }
                } else {
                    Path parent = existingAncestor(dir);
                    if (Files.getPosixFilePermissions(parent).contains(PosixFilePermission.OTHERS_WRITE)) {
                        throw new SettingException("The state folder " + dir + " would be made in " + parent
                                + ", a folder other users can write to.", "Run the command from your checkout or a folder of your own, "
                                + "or set CDC_STATE_DIR to one.", origin(Setting.CDC_STATE_DIR) == Origin.COMMAND_LINE);
                    }
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new CookbookException("Cannot check the state folder " + dir + ": " + e.getMessage(), null, e);
        }
        return dir;
    }

    private Path stateDirPath() {
        String configured = get(Setting.CDC_STATE_DIR);
        return configured.isEmpty() ? projectDir.resolve(".cdc-state") : projectDir.resolve(configured).toAbsolutePath().normalize();
    }

    private static Path existingAncestor(Path dir) {
        Path d = dir;
        while (d != null && !Files.exists(d)) {
            d = d.getParent();
        }
        return d == null ? dir.getRoot() : d;
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
        Settings changed = new Settings(copy, file, projectDir, workingDir, checkout, how);
        replacements.keySet().forEach(changed::check);
        return changed;
    }
}
