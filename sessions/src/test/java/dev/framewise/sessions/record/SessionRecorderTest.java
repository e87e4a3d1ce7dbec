package dev.framewise.sessions.record;

import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.FinishReason;
import dev.framewise.engine.api.FrameRef;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.Timings;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.engine.media.ContentHash;
import dev.framewise.engine.media.MediaInfo;
import dev.framewise.sessions.model.MediaKind;
import dev.framewise.sessions.model.ModelInfo;
import dev.framewise.sessions.model.Run;
import dev.framewise.sessions.model.RunContext;
import dev.framewise.sessions.model.RunStatus;
import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.store.FileSessionStore;
import dev.framewise.sessions.store.SessionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionRecorderTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    private static final ModelInfo MODEL = new ModelInfo("qwen25vl-tiny", "/models/tiny", "sha256:" + "ef".repeat(32));

    @TempDir
    Path dir;

    private Path video;
    private Path image;

    private GenerationRequest request() throws IOException {
        video = Files.write(dir.resolve("clip.mp4"), new byte[] {1, 2, 3, 4, 5});
        image = Files.write(dir.resolve("still.png"), new byte[] {9, 8, 7});
        return new GenerationRequest(List.of(
                ChatMessage.system("You are a helpful assistant."),
                ChatMessage.user(List.of(
                        new ContentPart.Video(video, 2.0, null, 3136, 50176, null, 0.5, 4.5),
                        ContentPart.Image.of(image),
                        new ContentPart.Text("Is it safe to grasp the cup?")))),
                new GenerationParams(256, 0.6, 0.95, 20, 1.05, null, List.of("</answer>"), false, 2, false));
    }

    private static GenerationResult result(FinishReason reason) {
        return new GenerationResult("qwen25vl-tiny", new int[] {1, 2, 3},
                List.of(new TokenEvent(0, 151644, "<think>", -0.5, List.of(new TokenEvent.TopLogprob(151644, -0.5),
                        new TokenEvent.TopLogprob(11, -1.25))),
                        new TokenEvent(1, 42, "yes", -0.125, List.of())),
                "<think>look</think><answer>yes</answer>", "look", "yes",
                List.of(new FrameRef(15, 0.5), new FrameRef(75, 2.5)), List.of(),
                new Timings(10, 2, 30, 40, 50, 60, 120, 2), reason, 987654321L, List.of());
    }

    private static MediaInfo probe(Path path) {
        boolean isVideo = path.toString().endsWith(".mp4");
        return new MediaInfo(path, isVideo ? MediaInfo.Kind.VIDEO : MediaInfo.Kind.IMAGE, "h264", 640, 360, 90,
                isVideo ? 5.0 : 0, isVideo ? 30 : 0, isVideo ? 30 : 0, isVideo ? 150 : 1, true, false, 0);
    }

    @Test
    void recordsTheRunWithItsMediaIntoANewSession() throws IOException {
        FileSessionStore store = new FileSessionStore(dir);
        SessionRecorder recorder = new SessionRecorder(store, SessionRecorderTest::probe, CLOCK);
        Path file = dir.resolve("scripted.framewise");

        Run run = recorder.record(file, request(), result(FinishReason.EOS), MODEL,
                new RunContext("embedded (cpu)", "cosmos-reason", "{q}", true, null));

        Session session = store.load(file);
        assertThat(session.title()).isEqualTo("scripted");
        assertThat(session.created()).isEqualTo(CLOCK.instant());
        assertThat(session.runs()).containsExactly(run);
        assertThat(session.uiState().selectedRunId()).isEqualTo(run.id());
        assertThat(session.media()).hasSize(2);
        assertThat(session.media().get(0).sha256()).isEqualTo(ContentHash.sha256(new byte[] {1, 2, 3, 4, 5}));
        assertThat(session.media().get(0).path()).isEqualTo(video.toAbsolutePath().toString());
        assertThat(session.media().get(0).probe().kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(session.media().get(0).probe().width()).as("rotation applied").isEqualTo(360);
        assertThat(session.media().get(1).sizeBytes()).isEqualTo(3);

        assertThat(run.question()).isEqualTo("Is it safe to grasp the cup?");
        assertThat(run.prompt().systemPrompt()).isEqualTo("You are a helpful assistant.");
        assertThat(run.prompt().templateName()).isEqualTo("cosmos-reason");
        assertThat(run.prompt().reasoningFormat()).isTrue();
        assertThat(run.mediaIds()).containsExactly(session.media().get(0).id(), session.media().get(1).id());
        assertThat(run.params().seed()).as("the seed the engine drew").isEqualTo(987654321L);
        assertThat(run.params().toGenerationParams().withSeed(null)).isEqualTo(request().params());
        assertThat(run.sampling().mediaId()).isEqualTo(session.media().get(0).id());
        assertThat(run.sampling().fps()).isEqualTo(2.0);
        assertThat(run.sampling().maxPixels()).isEqualTo(50176);
        assertThat(run.sampling().videoEnd()).isEqualTo(4.5);
        assertThat(run.sampling().frames()).extracting(f -> f.timestampSeconds()).containsExactly(0.5, 2.5);
        assertThat(run.model()).isEqualTo(MODEL);
        assertThat(run.backend()).isEqualTo("embedded (cpu)");
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(run.reasoning()).isEqualTo("look");
        assertThat(run.answer()).isEqualTo("yes");
        assertThat(run.outcome().finishReason()).isEqualTo("eos");
        assertThat(run.outcome().tokens().get(0).top().get(1).logprob()).isEqualTo(-1.25f);
        assertThat(run.outcome().timings().toTimings()).isEqualTo(new Timings(10, 2, 30, 40, 50, 60, 120, 2));
    }

    @Test
    void laterRunsReuseMediaByContentAndKeepStatus() throws IOException {
        FileSessionStore store = new FileSessionStore(dir);
        SessionRecorder recorder = new SessionRecorder(store, null, CLOCK);
        Path file = dir.resolve("s.framewise");
        GenerationRequest request = request();
        recorder.record(file, request, result(FinishReason.EOS), MODEL, RunContext.of("remote"));
        recorder.record(file, request, result(FinishReason.CANCELLED), MODEL, RunContext.of("remote"));
        recorder.recordFailure(file, request, "the server closed the connection", MODEL, RunContext.of("remote"));

        Session session = store.load(file);
        assertThat(session.media()).hasSize(2);
        assertThat(session.media().get(0).probe()).isNull();
        assertThat(session.runs()).extracting(Run::status)
                .containsExactly(RunStatus.COMPLETE, RunStatus.CANCELLED, RunStatus.FAILED);
        Run failed = session.runs().get(2);
        assertThat(failed.error()).isEqualTo("the server closed the connection");
        assertThat(failed.outcome()).isNull();
        assertThat(failed.mediaIds()).isEqualTo(session.runs().get(0).mediaIds());
        assertThat(Files.exists(dir.resolve("s.framewise.bak"))).isTrue();
    }

    @Test
    void aDamagedSessionFileStopsRecordingAndIsLeftAlone() throws IOException {
        Path file = dir.resolve("s.framewise");
        Files.writeString(file, "{\"schema_version\":2,\"id\":\"x\",");
        SessionRecorder recorder = new SessionRecorder(new FileSessionStore(dir), null, CLOCK);
        GenerationRequest request = request();

        assertThatThrownBy(() -> recorder.record(file, request, result(FinishReason.EOS), MODEL, RunContext.of("e")))
                .isInstanceOf(SessionException.class).hasMessageContaining("damaged");
        assertThat(Files.readString(file)).isEqualTo("{\"schema_version\":2,\"id\":\"x\",");
    }
}
