package dev.framewise.cli;

import dev.framewise.engine.store.TestModels;
import dev.framewise.engine.store.hub.DownloadProgress;
import dev.framewise.engine.store.hub.FakeHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ModelsCommandTest {
    @TempDir
    Path temp;
    private FakeHub hub;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void setUp() throws Exception {
        hub = new FakeHub(TestModels.tinyModel());
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        System.setOut(savedOut);
        System.setErr(savedErr);
        hub.close();
    }

    private int models(String... args) {
        resetOutput();
        String[] all = new String[args.length + 5];
        all[0] = "models";
        all[1] = "--cache-dir";
        all[2] = temp.resolve("hub").toString();
        all[3] = "--models-dir";
        all[4] = temp.resolve("own").toString();
        System.arraycopy(args, 0, all, 5, args.length);
        return FramewiseCli.run(all);
    }

    private void resetOutput() {
        out.reset();
        err.reset();
    }

    @Test
    void pullThenListVerifyInfoAndRemove() throws Exception {
        assertThat(models("pull", FakeHub.REPO, "--endpoint", hub.endpoint().toString())).isZero();
        Path snapshot = temp.resolve("hub/models--acme--tiny-vl/snapshots/" + FakeHub.COMMIT);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("done: " + snapshot)
                .contains("[########################] 100%");

        resetOutput();
        assertThat(FramewiseCli.run("models", "list", "--cache-dir", temp.resolve("hub").toString(),
                "--models-dir", temp.resolve("own").toString())).as("the folder options also work after the subcommand")
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(FakeHub.REPO).contains("hub_cache").contains(snapshot.toString());

        assertThat(models("verify", FakeHub.REPO)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("ok: " + snapshot);

        assertThat(models("info", FakeHub.REPO, "--context", "1000", "--bandwidth", "20", "--overhead", "0")).isZero();
        // 2 · 2 layers · 2 kv heads · 32 head dim · 2 bytes · 1000 tokens = 512,000 bytes.
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("KV cache     500 KiB at 1000 tokens")
                .contains("precisions   language model on the CPU: bf16 ").contains(", int4 ")
                .contains("verdict      fits");

        assertThat(models("rm", FakeHub.REPO)).isZero();
        assertThat(temp.resolve("hub/models--acme--tiny-vl")).doesNotExist();
        assertThat(models("verify", FakeHub.REPO)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).startsWith("framewise: acme/tiny-vl is not downloaded")
                .doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    void infoOfARepositoryNotDownloadedFetchesOnlyItsConfig() {
        assertThat(models("info", FakeHub.REPO, "--endpoint", hub.endpoint().toString(), "--context", "1000",
                "--bandwidth", "20", "--overhead", "0")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("model        acme/tiny-vl (not downloaded; config.json of commit 0123456789ab")
                .contains("KV cache     500 KiB at 1000 tokens")
                .contains("from config.json)"); // no shards and no index: parameters × bytes from the config
        assertThat(hub.requests).noneMatch(r -> r.endsWith(".safetensors"));
        assertThat(temp.resolve("hub")).doesNotExist();
    }

    @Test
    void verifyPrintsOneLinePerProblemAndFails() throws Exception {
        Path copy = Files.createDirectories(temp.resolve("copy"));
        try (var files = Files.list(TestModels.tinyModel())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, copy.resolve(f.getFileName()));
        }
        Files.delete(copy.resolve("model.safetensors"));
        Files.delete(copy.resolve("tokenizer.json"));
        assertThat(models("verify", copy.toString())).isEqualTo(1);
        List<String> lines = err.toString(StandardCharsets.UTF_8).strip().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("model.safetensors is missing");
        assertThat(lines.get(1)).contains("tokenizer.json is missing");
    }

    @Test
    void aGatedPullPrintsOneClearLine() {
        hub.gated = true;
        assertThat(models("pull", FakeHub.REPO, "--endpoint", hub.endpoint().toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("framewise: acme/tiny-vl: this model is gated: accept its licence on Hugging Face and set HF_TOKEN");
    }

    @Test
    void progressLineShowsBytesRateEtaAndTheActiveFile() {
        DownloadProgress p = new DownloadProgress("acme/x", List.of(
                new DownloadProgress.FileProgress("model-00001.safetensors", 512L << 20, 1L << 30, 50e6,
                        Optional.of(Duration.ofSeconds(10)), DownloadProgress.State.DOWNLOADING),
                new DownloadProgress.FileProgress("config.json", 1000, 1000, 0, Optional.of(Duration.ZERO),
                        DownloadProgress.State.DONE)), (512L << 20) + 1000, (1L << 30) + 1000, 52_428_800,
                Optional.of(Duration.ofSeconds(95)));
        assertThat(ProgressBar.describe(p)).isEqualTo("[############............]  50%  512 MiB / 1.00 GiB  50.0 MiB/s  "
                + "ETA 1m35s  model-00001.safetensors");
        StringWriter plain = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(plain), false);
        bar.onProgress(p);
        bar.onProgress(p); // within 5 s: not repeated in plain mode
        assertThat(plain.toString().lines()).hasSize(1);
        StringWriter tty = new StringWriter();
        ProgressBar redrawn = new ProgressBar(new PrintWriter(tty), true);
        redrawn.onProgress(p);
        redrawn.onProgress(p);
        redrawn.finish();
        String redraws = tty.toString();
        assertThat(redraws).startsWith("\r[").endsWith(System.lineSeparator());
        assertThat(redraws.chars().filter(c -> c == '\r').count()).isEqualTo(2);
        assertThat(redraws.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }
}
