package dev.framewise.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One workbench per data folder: later launches hand their files to the first and end. */
class SingleInstanceTest {
    @TempDir
    Path dir;

    @Test
    void aSecondLaunchInAnotherProcessHandsItsFilesToTheFirst() throws Exception {
        Path folder = dir.resolve("data");
        Path video = Files.writeString(dir.resolve("a.mp4"), "x");
        Path image = Files.writeString(dir.resolve("b.jpg"), "x");
        BlockingQueue<List<Path>> received = new LinkedBlockingQueue<>();
        try (SingleInstance first = SingleInstance.claim(folder, List.of(), Duration.ofSeconds(5)).orElseThrow()) {
            first.onFiles(received::add);
            Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), SecondLaunch.class.getName(),
                    folder.toString(), video.toString(), image.toString())
                    .redirectErrorStream(true).start();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).as(new String(second.getInputStream().readAllBytes())).isZero();
            assertThat(received.poll(10, TimeUnit.SECONDS)).containsExactly(video.toAbsolutePath(), image.toAbsolutePath());
        }
    }

    @Test
    void filesHandedOverBeforeTheWindowListensAreKept() throws Exception {
        Path folder = dir.resolve("data");
        try (SingleInstance first = SingleInstance.claim(folder, List.of(), Duration.ofSeconds(5)).orElseThrow()) {
            Optional<SingleInstance> second = SingleInstance.claim(folder, List.of(Path.of("relative.mp4")), Duration.ofSeconds(5));
            assertThat(second).isEmpty();
            BlockingQueue<List<Path>> received = new LinkedBlockingQueue<>();
            first.onFiles(received::add);
            assertThat(received.poll(5, TimeUnit.SECONDS)).containsExactly(Path.of("relative.mp4").toAbsolutePath());
        }
    }

    @Test
    void theNextLaunchAfterTheWindowClosedBecomesTheInstance() throws Exception {
        Path folder = dir.resolve("data");
        SingleInstance.claim(folder, List.of(), Duration.ofSeconds(5)).orElseThrow().close();
        try (SingleInstance again = SingleInstance.claim(folder, List.of(), Duration.ofSeconds(5)).orElseThrow()) {
            assertThat(Files.readString(folder.resolve(SingleInstance.PORT_FILE))).matches("\\d+ [0-9a-f]{32}\\n");
        }
    }

    @Test
    void anInstanceThatDoesNotAnswerIsReportedNotJoined() throws Exception {
        Path folder = dir.resolve("data");
        try (SingleInstance first = SingleInstance.claim(folder, List.of(), Duration.ofSeconds(5)).orElseThrow()) {
            Files.writeString(folder.resolve(SingleInstance.PORT_FILE), "1 0000\n"); // a port nobody listens on
            assertThatThrownBy(() -> SingleInstance.claim(folder, List.of(), Duration.ofMillis(300)))
                    .isInstanceOf(SingleInstance.NotAnswering.class)
                    .hasMessageContaining("already running").hasMessageContaining("try again");
        }
    }
}
