package io.cdccookbook.cli;

import io.cdccookbook.CookbookException;
import io.cdccookbook.cloud.Plan;
import io.cdccookbook.config.Settings;
import io.cdccookbook.pipeline.Target;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Optional;

/**
 * --target, the choice it makes and why, and the rule that an option of one target is refused on the other.
 * Which target an option belongs to is said once, where it is declared: its description starts with
 * "Tinybird target:" or "Local target:" (the help shows the same words).
 */
public class TargetOptions {

    static final String TINYBIRD_ONLY = "Tinybird target:";
    static final String LOCAL_ONLY = "Local target:";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--target", paramLabel = "local|tinybird", converter = TargetConverter.class,
            description = "local: everything on this machine; tinybird: Confluent Cloud and Tinybird. "
                    + "Default: tinybird when TINYBIRD_API_KEY is set, else local.")
    Target target;

    /**
     * The target and why, printed as a notice; a command-line error (exit code 2) when options of the other
     * target were given.
     */
    public Target.Choice choose(Settings settings, Console console) {
        Target.Choice choice = Target.choose(target, settings);
        console.info(choice.toString());
        rejectOtherTarget(choice);
        return choice;
    }

    /** The target an option belongs to, from its description; empty for an option of both. */
    public static Optional<Target> targetOf(OptionSpec option) {
        String text = option.description().length == 0 ? "" : option.description()[0];
        return text.startsWith(TINYBIRD_ONLY) ? Optional.of(Target.TINYBIRD)
                : text.startsWith(LOCAL_ONLY) ? Optional.of(Target.LOCAL) : Optional.empty();
    }

    private void rejectOtherTarget(Target.Choice choice) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        // in declaration order, by first name, and only when it asks for something (--dry-run=false does not)
        List<String> used = spec.options().stream()
                .filter(o -> targetOf(o).filter(t -> t != choice.target()).isPresent())
                .filter(o -> parsed != null && parsed.hasMatchedOption(o) && o.getValue() != null && !Boolean.FALSE.equals(o.getValue()))
                .map(o -> typed(o, parsed)).toList();
        if (used.isEmpty()) {
            return;
        }
        String names = String.join(", ", used) + (used.size() == 1 ? " applies" : " apply");
        String them = used.size() == 1 ? "it" : "them";
        throw new CommandLine.ParameterException(spec.commandLine(), choice.target() == Target.LOCAL
                ? names + " to the tinybird target only (the target is local: " + choice.reason() + "). Add --target tinybird, or leave " + them + " out"
                : names + " to the local target only. Leave " + them + " out, or add --target local");
    }

    /** The option's name as the user typed it (--tb-include-connector, not its first name). */
    private static String typed(OptionSpec option, CommandLine.ParseResult parsed) {
        return java.util.Arrays.stream(option.names())
                .filter(n -> parsed.originalArgs().stream().anyMatch(a -> a.equals(n) || a.startsWith(n + "=")))
                .findFirst().orElse(option.names()[0]);
    }

    /** For commands that change things in the cloud: --target and --dry-run. */
    public static class WithDryRun extends TargetOptions {

        @Option(names = "--dry-run", description = TINYBIRD_ONLY + " print every request the command would make (secrets masked), change nothing.")
        boolean dryRun;

        private Plan plan;

        public boolean dryRun() {
            return dryRun;
        }

        /** The plan this command's requests go to: recorded only in a dry run, sent otherwise. */
        public Plan plan() {
            if (plan == null) {
                plan = dryRun ? Plan.dryRun() : Plan.live();
            }
            return plan;
        }

        /** In a dry run the plan of requests, else {@code verdict} (when there is one). */
        public void printOutcome(Console console, String verdict) {
            if (dryRun) {
                console.println("Plan of requests (dry run: nothing was sent, nothing changed):");
                console.println(plan().describe());
            } else if (verdict != null) {
                console.println(verdict);
            }
        }
    }

    static final class TargetConverter implements CommandLine.ITypeConverter<Target> {
        @Override
        public Target convert(String value) {
            try {
                return Target.parse(value);
            } catch (CookbookException e) {
                throw new CommandLine.TypeConversionException(e.oneLine());
            }
        }
    }
}
