package dev.framewise.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What the command line says when it is used wrongly, and about itself. */
class CliMessagesTest {

    @Test
    void aMistypedFlagIsOneLinePlusWhereToLook() {
        AskCommandTest.Run run = AskCommandTest.ask("ask", "--model", "m", "--promt=hi");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines().toList()).hasSize(2);
        assertThat(run.err()).startsWith("framewise: Unknown option: '--promt=hi'").endsWith("see 'framewise ask --help'\n");
    }

    @Test
    void aVideoGivenAsAnImageIsNamed(@TempDir Path dir) throws Exception {
        Path clip = Files.writeString(dir.resolve("clip.mp4"), "not read");
        AskCommandTest.Run run = AskCommandTest.ask("ask", "--model", dir.toString(), "--image", clip.toString(), "--prompt", "hi");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("framewise: --image clip.mp4 is a video; pass it with --video\n");
    }

    @Test
    void helpSaysThatNoArgumentsOpenTheWorkbench() {
        AskCommandTest.Run run = AskCommandTest.ask("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("With no arguments, framewise opens the workbench. Files given instead of a\n"
                + "command (videos, images, a .framewise session) open in the workbench");
    }

    @Test
    void versionNamesTheCommitAndTheBuildDate() {
        AskCommandTest.Run run = AskCommandTest.ask("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).matches("framewise \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit [0-9a-f]{7,}, built \\d{4}-\\d\\d-\\d\\d\\)");
    }
}
