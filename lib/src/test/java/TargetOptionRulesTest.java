import io.cdccookbook.cli.TargetOptions;
import io.cdccookbook.pipeline.Target;
import io.cdccookbook.testing.Catalog;
import io.cdccookbook.testing.CommandRun;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule TargetOptions keeps, generated from the commands themselves: for every command of
 * jbang-catalog.json with --target, every option whose description says "Tinybird target:" is refused on
 * the local target, and every "Local target:" one on the tinybird target, each alone and all together:
 * exit code 2, one line naming them, and nothing made (no state folder). A new option of one target is
 * covered by saying so in its description.
 */
class TargetOptionRulesTest {

    @TempDir
    static Path dir;

    private static boolean takesTarget(CommandLine.Model.CommandSpec spec) {
        return spec.mixins().values().stream().anyMatch(m -> m.userObject() instanceof TargetOptions);
    }

    @TestFactory
    Stream<DynamicTest> anOptionOfOneTargetIsRefusedOnTheOther() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        List<String> withTarget = new ArrayList<>();
        for (String command : Catalog.commandClasses()) {
            CommandLine.Model.CommandSpec spec = new CommandLine(Catalog.command(command)).getCommandSpec();
            if (!takesTarget(spec)) {
                continue;
            }
            withTarget.add(command);
            for (Target owner : Target.values()) {
                List<OptionSpec> ofOwner = spec.options().stream().filter(o -> TargetOptions.targetOf(o).equals(java.util.Optional.of(owner))).toList();
                for (OptionSpec option : ofOwner) {
                    tests.add(DynamicTest.dynamicTest(command + " " + option.longestName() + " on the other target",
                            () -> refused(command, owner, List.of(option))));
                }
                if (ofOwner.size() > 1) {
                    tests.add(DynamicTest.dynamicTest(command + " all " + owner + " options on the other target",
                            () -> refused(command, owner, ofOwner)));
                }
            }
        }
        assertThat(withTarget).as("the commands with --target").contains("CreatePipeline", "RemovePipeline", "CompareTables", "TestConnection");
        assertThat(tests).as("create-pipeline has options of both targets").anyMatch(t -> t.getDisplayName().startsWith("CreatePipeline --port"))
                .anyMatch(t -> t.getDisplayName().startsWith("CreatePipeline --dry-run"));
        return tests.stream();
    }

    private static void refused(String command, Target owner, List<OptionSpec> options) throws Exception {
        Path caseDir = Files.createTempDirectory(dir, "case");
        Path state = caseDir.resolve("state");
        Target other = owner == Target.LOCAL ? Target.TINYBIRD : Target.LOCAL;
        List<String> args = new ArrayList<>(List.of("--target", other.name().toLowerCase(Locale.ROOT),
                "--config", Files.writeString(caseDir.resolve("cdc.properties"), "").toString(), "--set", "CDC_STATE_DIR=" + state));
        for (OptionSpec option : options) {
            args.add(option.longestName());
            if (option.arity().max > 0) {
                args.add("1"); // a valid value: the option is refused for its target, not its value
            }
        }
        CommandRun run = CommandRun.of(Catalog.command(command), args.toArray(String[]::new));

        List<String> names = options.stream().map(OptionSpec::longestName).toList(); // as typed above
        String them = names.size() == 1 ? "it" : "them";
        String applies = String.join(", ", names) + (names.size() == 1 ? " applies" : " apply");
        String expected = owner == Target.TINYBIRD
                ? applies + " to the tinybird target only (the target is local: --target local). Add --target tinybird, or leave " + them + " out"
                : applies + " to the local target only. Leave " + them + " out, or add --target local";
        String what = command + " " + String.join(" ", args) + "\n" + run.all();
        assertThat(run.exit()).as(what).isEqualTo(2);
        assertThat(run.err().lines().filter(l -> l.startsWith("error: ")).toList()).as(what).singleElement().asString().contains(expected);
        assertThat(run.out()).as(what + ": nothing done").isEmpty();
        assertThat(state).as(what + ": nothing made").doesNotExist();
    }
}
