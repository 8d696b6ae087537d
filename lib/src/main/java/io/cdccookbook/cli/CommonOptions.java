package io.cdccookbook.cli;

import io.cdccookbook.config.Settings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Options every script has: where settings come from, overrides, and --verbose. */
public class CommonOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file (yours, not writable by others). Default: $CDC_CONFIG, else cdc.properties in this "
                    + "folder or, inside a checkout, the nearest one above it up to the checkout's root.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a setting for this run, e.g. --set PG_HOST_URL=db.example.com (repeatable). "
                    + "The value is used exactly as typed, quotes included. "
                    + "Order of precedence: --set, then environment variables, then the settings file.")
    List<String> overrides = new ArrayList<>(); // split here, not by picocli: its Map options rewrite and print values

    @Option(names = {"-v", "--verbose"}, description = "Show what the libraries log, and stack traces of errors.")
    boolean verbose;

    private Settings settings;
    private Console console;

    public Settings settings() {
        if (settings == null) {
            settings = Settings.load(config, System.getenv(), Settings.overrides(overrides), Path.of(""));
            if (verbose) {
                console().info(settings.fileNotice());
            }
        }
        return settings;
    }

    public Console console() {
        if (console == null) {
            console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        return console;
    }

    public boolean verbose() {
        return verbose;
    }

    public CommandSpec spec() {
        return spec;
    }
}
