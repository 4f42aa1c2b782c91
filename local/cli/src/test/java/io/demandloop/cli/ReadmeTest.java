package io.demandloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's commands and paths exist, so that none of them silently stops working. */
class ReadmeTest {

    private static final Path ROOT = Path.of(System.getProperty("demandloop.home"));

    private static String readme() throws IOException {
        return Files.readString(ROOT.resolve("README.md"));
    }

    /** The commands in the Quick start's code block. */
    private static List<String> quickStart() throws IOException {
        String readme = readme();
        int section = readme.indexOf("## Quick start");
        assertThat(section).as("README has a Quick start section").isNotNegative();
        int open = readme.indexOf("```sh\n", section);
        int close = readme.indexOf("```", open + 6);
        List<String> commands = new ArrayList<>();
        for (String line : readme.substring(open + 6, close).split("\n")) {
            if (!line.isBlank()) {
                commands.add(line.trim());
            }
        }
        return commands;
    }

    @Test
    void quickStart_shouldHaveExactlyTheDemoAndTheTestCommand() throws IOException {
        assertThat(quickStart()).containsExactly("./demandloop demo", "mvn verify");
    }

    @Test
    void ci_shouldRunTheReadmesTestCommand() throws IOException {
        String ci = Files.readString(ROOT.resolve(".ci/run"));
        assertThat(ci.lines().map(String::trim)).contains(quickStart().get(1));
        assertThat(Files.isExecutable(ROOT.resolve(".ci/run"))).isTrue();
        assertThat(Files.isExecutable(ROOT.resolve("demandloop"))).isTrue();
    }

    @Test
    void everyDemandloopCommandInTheReadme_shouldBeAccepted() throws Exception {
        Matcher matcher = Pattern.compile("\\./demandloop ([^`\\n|]+)").matcher(readme());
        int found = 0;
        while (matcher.find()) {
            String[] args = matcher.group(1).trim().replaceAll("\\s+\\\\$", "").split("\\s+");
            if (ReportLinkCommand.handles(args)) {
                ReportLinkCommand.Options.parse(List.of(args).subList(1, args.length));
                found++;
                continue;
            }
            CommandLine command = CommandLine.parse(args);
            if (command.load() != null) {
                assertImportFilesExist(command.load());
            }
            found++;
        }
        assertThat(found).isGreaterThanOrEqualTo(4);
    }

    @Test
    void everyImportCommandInTheImportGuide_shouldBeAccepted_andNameFilesThatExist() throws Exception {
        String guide = Files.readString(ROOT.resolve("docs/imports.md"));
        // A command may go on over a line ending in a backslash; `import <format> <file>` placeholders are not commands.
        Matcher matcher = Pattern.compile("\\./demandloop (import (?:servicenow|jira|csv) [^`\\n|\\\\]+(?:\\\\\\n[^`\\n|]+)?)").matcher(guide);
        int found = 0;
        while (matcher.find()) {
            String[] args = matcher.group(1).replace("\\\n", " ").trim().split("\\s+");
            CommandLine command = CommandLine.parse(args);
            assertImportFilesExist(command.load());
            found++;
        }
        assertThat(found).as("import commands in docs/imports.md").isGreaterThanOrEqualTo(3);
    }

    /** The export and mapping an import command names, from the repository root (where the README's commands run). */
    private static void assertImportFilesExist(CommandLine.Import load) {
        assertThat(ROOT.resolve(load.file())).as("export of %s", load).isRegularFile();
        if (load.mapping() != null) {
            assertThat(ROOT.resolve(load.mapping())).as("mapping of %s", load).isRegularFile();
        }
    }

    @Test
    void everyRepositoryPathInTheReadme_shouldExist() throws IOException {
        // Paths in backticks that start with a top-level folder or file of the repository.
        Matcher matcher = Pattern.compile("`((?:shared|functions|events|infra-tests|local|docs|examples|\\.ci)/[^`*<>{} ]*|template\\.yaml|README\\.md)`")
                .matcher(readme());
        int found = 0;
        while (matcher.find()) {
            String path = matcher.group(1);
            if (path.contains("/target/")) {
                continue; // build output, made by the build
            }
            assertThat(ROOT.resolve(path)).as(path).exists();
            found++;
        }
        assertThat(found).isGreaterThanOrEqualTo(10);
    }
}
