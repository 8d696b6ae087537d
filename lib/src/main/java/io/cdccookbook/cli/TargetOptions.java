package io.cdccookbook.cli;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Settings;
import io.cdccookbook.pipeline.Target;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;

/** --target, the choice it makes and why, and the options that apply to the tinybird target only. */
public class TargetOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--target", paramLabel = "local|tinybird", converter = TargetConverter.class,
            description = "local: everything on this machine; tinybird: Confluent Cloud and Tinybird. "
                    + "Default: tinybird when TINYBIRD_API_KEY is set, else local.")
    Target target;

    /** The target and why, printed as a notice. */
    public Target.Choice choose(Settings settings, Console console) {
        Target.Choice choice = Target.choose(target, settings);
        console.info(choice.toString());
        return choice;
    }

    /**
     * A command-line error (exit code 2) when the local target was chosen with options of the tinybird target.
     *
     * @param used the tinybird-only options given, by name
     */
    public void rejectTinybirdOnly(Target.Choice choice, List<String> used) {
        if (choice.target() == Target.LOCAL && !used.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join(", ", used)
                    + (used.size() == 1 ? " applies" : " apply") + " to the tinybird target only (the target is local: "
                    + choice.reason() + "). Add --target tinybird, or leave " + (used.size() == 1 ? "it" : "them") + " out");
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
