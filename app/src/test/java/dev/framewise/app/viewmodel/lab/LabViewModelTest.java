package dev.framewise.app.viewmodel.lab;

import dev.framewise.app.viewmodel.EngineOutliner;
import dev.framewise.app.viewmodel.HistoryViewModel;
import dev.framewise.app.viewmodel.MediaItem;
import dev.framewise.app.viewmodel.NotificationsViewModel;
import dev.framewise.app.viewmodel.ParamsViewModel;
import dev.framewise.app.viewmodel.RunViewModel;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.FinishReason;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.engine.api.Timings;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.engine.reasoning.ParsedResponse;
import dev.framewise.engine.reasoning.ReasoningParser;
import dev.framewise.sessions.model.Lab;
import dev.framewise.sessions.model.LabAnswers;
import dev.framewise.sessions.model.LabDimension;
import dev.framewise.sessions.model.ModelInfo;
import dev.framewise.sessions.record.ModelFingerprint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prompt lab's view model without the JavaFX toolkit: a 2 × 2 grid (two phrasings × two seeds) whose cells run
 * through a runner the test completes by hand, against a backend whose answer depends on the question and seed.
 */
class LabViewModelTest {
    static final String Q1 = "What will the ball hit next?";
    static final String Q2 = "Which object is in the ball's path?";

    /** One cell's request, waiting for the test to let it answer. */
    record Pending(LabRunner.Backend backend, GenerationRequest request, RunViewModel run, CancellationToken cancel,
                   Consumer<GenerationResult> done) {
        void answer() {
            try {
                done.accept(backend.open().generate(request, run, cancel));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    private final List<Pending> pending = new ArrayList<>();
    private final HistoryViewModel history = new HistoryViewModel();
    private final NotificationsViewModel notifications = new NotificationsViewModel();
    private final MediaItem clip = new MediaItem(Path.of("/clips/ball.png"));
    private final List<String> opened = new ArrayList<>();
    private int saves;
    private LabViewModel lab;

    /** The answer depends on the phrasing and the seed: Q2 with seed 2 sees a wall. */
    static final InferenceBackend BACKEND = new InferenceBackend() {
        @Override
        public String describe() {
            return "test model";
        }

        @Override
        public GenerationResult generate(GenerationRequest request, GenerationListener listener, CancellationToken cancel) {
            String question = lastText(request);
            Long seed = request.params().seed();
            String answer = question.equals(Q2) && Long.valueOf(2).equals(seed) ? "The ball hits the red wall." : "The ball hits the green box.";
            String text = cancel.isCancelled() ? "" : "<think>\n1. The ball rolls right.\n2. Something is ahead.\n</think>\n<answer>"
                    + answer + "</answer>";
            List<TokenEvent> tokens = text.isEmpty() ? List.of() : List.of(new TokenEvent(0, 1, text, -0.1, List.of()));
            tokens.forEach(listener::onToken);
            ParsedResponse parsed = ReasoningParser.parse(text);
            return new GenerationResult(describe(), new int[]{1}, tokens, text, parsed.reasoning(), parsed.answer(), List.of(),
                    List.of(), new Timings(0, 0, 0, 0, 1, 1, 1, tokens.size()),
                    cancel.isCancelled() ? FinishReason.CANCELLED : FinishReason.EOS, seed == null ? 0L : seed, List.of());
        }

        @Override
        public void close() {
        }
    };

    /** A second model, named by a model axis: it always answers the same. */
    static final InferenceBackend OTHER = new InferenceBackend() {
        @Override
        public String describe() {
            return "other model";
        }

        @Override
        public GenerationResult generate(GenerationRequest request, GenerationListener listener, CancellationToken cancel) {
            String text = "<answer>A wall.</answer>";
            return new GenerationResult(describe(), new int[]{1}, List.of(), text, "", "A wall.", List.of(), List.of(),
                    new Timings(0, 0, 0, 0, 1, 1, 1, 0), FinishReason.EOS, 0L, List.of());
        }

        @Override
        public void close() {
        }
    };

    static String lastText(GenerationRequest request) {
        ChatMessage user = request.messages().get(request.messages().size() - 1);
        return user.content().stream().filter(p -> p instanceof ContentPart.Text).map(p -> ((ContentPart.Text) p).text())
                .reduce((a, b) -> b).orElse("");
    }

    private LabViewModel newLab(InferenceBackend backend) {
        LabRunner runner = (b, request, run, cancel, done, failed) -> pending.add(new Pending(b, request, run, cancel, done));
        LabSources sources = new LabSources(() -> backend, () -> ModelInfo.UNKNOWN, () -> clip, () -> List.of(clip),
                p -> p.equals(clip.path()) ? clip : null, runner, location -> {
                    opened.add(location);
                    return OTHER;
                }, Clock.fixed(Instant.parse("2026-12-05T06:00:00Z"), ZoneOffset.UTC));
        return new LabViewModel(sources, history, notifications, new EngineOutliner(), new ParamsViewModel(), () -> saves++);
    }

    @BeforeEach
    void twoPhrasingsByTwoSeeds() {
        lab = newLab(BACKEND);
        lab.questionProperty().set(Q1);
        lab.systemPromptProperty().set("You are a physics tutor.");
        lab.rowDimensionProperty().set(LabDimension.QUESTION);
        lab.rowValuesProperty().set(Q1 + "\n" + Q2 + "\n\n");
        lab.columnDimensionProperty().set(LabDimension.SEED);
        lab.columnValuesProperty().set("1\n2");
    }

    private void runEverything() {
        lab.runAll();
        while (!pending.isEmpty()) pending.remove(0).answer();
    }

    @Test
    void cellsAreAskedInTheLoadedModelsConvention() {
        InferenceBackend reason2 = new InferenceBackend() {
            @Override
            public String describe() {
                return BACKEND.describe();
            }

            @Override
            public PromptConvention convention() {
                return PromptConvention.COSMOS_REASON2;
            }

            @Override
            public GenerationResult generate(GenerationRequest request, GenerationListener listener, CancellationToken cancel) {
                return BACKEND.generate(request, listener, cancel);
            }

            @Override
            public void close() {
            }
        };
        lab = newLab(reason2);
        lab.questionProperty().set(Q1);
        assertThat(lab.build()).isTrue();
        runEverything();

        GenerationRequest request = lab.cell(clip, 0, 0).run().request();
        assertThat(request.messages().get(0).content()).containsExactly(new ContentPart.Text("You are a helpful assistant."));
        assertThat(lastText(request)).isEqualTo(Q1 + "\n\n" + PromptConvention.COSMOS_REASON2.reasoningFormat());
        assertThat(request.params().topK()).isEqualTo(20);
        assertThat(request.params().temperature()).isEqualTo(0.6);
        assertThat(request.params().repetitionPenalty()).isEqualTo(1.0);
    }

    @Test
    void buildLaysOutOneCellPerRowAndColumn() {
        assertThat(lab.build()).isTrue();

        assertThat(lab.cells()).hasSize(4);
        assertThat(lab.cell(clip, 1, 0).variant().question()).isEqualTo(Q2);
        assertThat(lab.cell(clip, 1, 0).variant().seed()).isEqualTo(1L);
        assertThat(lab.cell(clip, 0, 1).variant().seed()).isEqualTo(2L);
        assertThat(lab.cell(clip, 0, 1).variant().systemPrompt()).isEqualTo("You are a physics tutor.");
        assertThat(Lab.heading(lab.lab().columns(), 1)).isEqualTo("seed = 2");
        assertThat(lab.cells()).allMatch(c -> c.state() == LabCellViewModel.State.NOT_RUN);
        assertThat(lab.statusProperty().get()).isEqualTo("4 cells ready to run.");
        assertThat(saves).isEqualTo(1);
    }

    @Test
    void theQueueRunsOneCellAtATimeWithProgress() {
        lab.build();
        lab.runAll();

        assertThat(pending).hasSize(1);
        assertThat(lab.cell(clip, 0, 0).state()).isEqualTo(LabCellViewModel.State.RUNNING);
        assertThat(lab.cell(clip, 1, 1).state()).isEqualTo(LabCellViewModel.State.QUEUED);
        assertThat(lab.statusProperty().get()).isEqualTo("Running 1 of 4…");
        assertThat(lab.runningProperty().get()).isTrue();
        pending.remove(0).answer();
        assertThat(lab.progressProperty().get()).isEqualTo(0.25);
        assertThat(lab.statusProperty().get()).isEqualTo("Running 2 of 4…");
        while (!pending.isEmpty()) pending.remove(0).answer();

        assertThat(lab.cells()).allMatch(c -> c.state() == LabCellViewModel.State.DONE);
        assertThat(lab.progressProperty().get()).isEqualTo(1.0);
        assertThat(lab.runningProperty().get()).isFalse();
        assertThat(lab.statusProperty().get()).isEqualTo("Done: 4 of 4 cells answered.");
        assertThat(history.runs()).hasSize(4);
        RunViewModel q2seed2 = lab.cell(clip, 1, 1).run();
        assertThat(lastText(q2seed2.request())).isEqualTo(Q2);
        assertThat(q2seed2.request().params().seed()).isEqualTo(2L);
        assertThat(q2seed2.request().messages().get(0).role()).isEqualTo("system");
        assertThat(q2seed2.spec().media()).isEqualTo(clip.path());
        assertThat(lab.cell(clip, 1, 1).facts()).startsWith("2 steps · 0 frames · 1 tokens");
        assertThat(lab.cell(clip, 1, 1).reasoning()).isEqualTo("1. The ball rolls right.\n2. Something is ahead.");
    }

    @Test
    void answersAreComparedWithTheReferenceAndCountedPerPhrasingAcrossSeeds() {
        lab.build();
        runEverything();

        assertThat(lab.cell(clip, 1, 1).answer()).isEqualTo("The ball hits the red wall.");
        assertThat(lab.cell(clip, 1, 1).diffProperty().get()).containsExactly(
                new LabAnswers.Segment("The ball hits the", false), new LabAnswers.Segment("red wall.", true));
        assertThat(lab.cell(clip, 0, 1).diffProperty().get()).containsExactly(
                new LabAnswers.Segment("The ball hits the green box.", false));
        assertThat(lab.distributions()).containsExactly(
                new LabViewModel.Distribution("question = " + Q1, List.of(new LabAnswers.Count("The ball hits the green box.", 2)),
                        "The ball hits the green box."),
                new LabViewModel.Distribution("question = " + Q2, List.of(new LabAnswers.Count("The ball hits the green box.", 1),
                        new LabAnswers.Count("The ball hits the red wall.", 1)), null));

        assertThat(lab.shownReferenceProperty().get()).isSameAs(lab.cell(clip, 0, 0));

        lab.referenceProperty().set(lab.cell(clip, 1, 1));
        assertThat(lab.shownReferenceProperty().get()).isSameAs(lab.cell(clip, 1, 1));
        assertThat(lab.cell(clip, 0, 0).diffProperty().get()).containsExactly(
                new LabAnswers.Segment("The ball hits the", false), new LabAnswers.Segment("green box.", true));
        assertThat(lab.cell(clip, 1, 1).diffProperty().get()).noneMatch(LabAnswers.Segment::changed);
    }

    @Test
    void cancelEmptiesTheQueueAndStopsTheRunningCell() {
        lab.build();
        lab.runAll();

        lab.cancel();
        assertThat(pending.get(0).cancel().isCancelled()).isTrue();
        pending.remove(0).answer();

        assertThat(lab.cell(clip, 0, 0).state()).isEqualTo(LabCellViewModel.State.STOPPED);
        assertThat(lab.cells().subList(1, 4)).allMatch(c -> c.state() == LabCellViewModel.State.NOT_RUN);
        assertThat(pending).isEmpty();
        assertThat(lab.runningProperty().get()).isFalse();
        assertThat(lab.statusProperty().get()).isEqualTo("Cancelled: 0 of 4 cells answered.");
    }

    @Test
    void reRunningOneCellRunsOnlyThatCellAgain() {
        lab.build();
        runEverything();
        RunViewModel first = lab.cell(clip, 1, 0).run();

        lab.rerun(lab.cell(clip, 1, 0));
        assertThat(pending).hasSize(1);
        pending.remove(0).answer();

        assertThat(history.runs()).hasSize(5).contains(first);
        assertThat(lab.cell(clip, 1, 0).run()).isNotSameAs(first);
        assertThat(lab.cell(clip, 1, 0).state()).isEqualTo(LabCellViewModel.State.DONE);
        assertThat(lab.statusProperty().get()).isEqualTo("Done: 4 of 4 cells answered.");
    }

    @Test
    void aModelAxisRunsCellsOnTheLoadedModelAndOnAServer() {
        lab.columnDimensionProperty().set(LabDimension.MODEL);
        lab.columnValuesProperty().set("current\nhttp://gpu:8000/v1 big-model");
        lab.build();
        runEverything();

        assertThat(opened).containsExactly("http://gpu:8000/v1 big-model", "http://gpu:8000/v1 big-model");
        LabCellViewModel served = lab.cell(clip, 1, 1);
        assertThat(served.answer()).isEqualTo("A wall.");
        assertThat(served.run().model().name()).isEqualTo("big-model");
        assertThat(served.run().model().location()).isEqualTo("http://gpu:8000/v1");
        assertThat(served.run().backend()).isEqualTo("http://gpu:8000/v1 big-model");
        assertThat(lab.cell(clip, 1, 0).answer()).isEqualTo("The ball hits the green box.");
        assertThat(lab.cell(clip, 1, 0).run().backend()).isEqualTo("test model");
        assertThat(Lab.heading(lab.lab().columns(), 1)).isEqualTo("model = http://gpu:8000/v1 big-model");
    }

    @Test
    void aBadValueIsOneNotificationAndNoGrid() {
        lab.columnValuesProperty().set("1\nthree");

        assertThat(lab.build()).isFalse();

        assertThat(lab.cells()).isEmpty();
        assertThat(notifications.notifications()).hasSize(1);
        assertThat(notifications.notifications().get(0).message()).contains("\"three\" is not a seed value; type a number");
    }

    @Test
    void withoutAModelTheQueueStopsWithOneNotification() {
        lab = newLab(null);
        lab.questionProperty().set(Q1);
        lab.build();

        lab.runAll();

        assertThat(pending).isEmpty();
        assertThat(lab.cells()).allMatch(c -> c.state() == LabCellViewModel.State.NOT_RUN);
        assertThat(notifications.notifications().get(0).message()).contains("no model is loaded");
    }

    @Test
    void theLabIsSavedWithItsRunsAndRestoredOntoTheHistory() {
        lab.build();
        runEverything();

        List<Lab> saved = lab.labs(Map.of(clip.path(), "media-1"));

        assertThat(saved).hasSize(1);
        Lab record = saved.get(0);
        assertThat(record.mediaIds()).containsExactly("media-1");
        assertThat(record.cells()).hasSize(4);
        assertThat(record.cell("media-1", 1, 1).orElseThrow().runId()).isEqualTo(lab.cell(clip, 1, 1).run().id());

        LabViewModel reopened = newLab(BACKEND);
        reopened.restore(saved, id -> id.equals("media-1") ? clip.path() : null);

        assertThat(reopened.questionProperty().get()).isEqualTo(Q1);
        assertThat(reopened.columnValuesProperty().get()).isEqualTo("1\n2");
        assertThat(reopened.cells()).hasSize(4).allMatch(c -> c.state() == LabCellViewModel.State.DONE);
        assertThat(reopened.cell(clip, 1, 1).answer()).isEqualTo("The ball hits the red wall.");
        assertThat(reopened.distributions().get(1).majority()).isNull();
        assertThat(reopened.statusProperty().get()).isEqualTo("4 of 4 cells answered.");
    }
    @Test
    void aFolderOnTheModelAxisIsRecordedWithItsFingerprintAsTheAskBoxRecordsOne(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("reason-tiny"));
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"qwen2_5_vl\"}");
        byte[] header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}".getBytes(StandardCharsets.UTF_8);
        Files.write(folder.resolve("model.safetensors"), ByteBuffer.allocate(8 + header.length + 4).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(header.length).put(header).array());
        lab.columnDimensionProperty().set(LabDimension.MODEL);
        lab.columnValuesProperty().set("current\n" + folder);
        lab.build();
        runEverything();

        ModelInfo recorded = lab.cell(clip, 0, 1).run().model();
        assertThat(recorded.name()).isEqualTo("reason-tiny");
        assertThat(recorded.location()).isEqualTo(folder.toAbsolutePath().normalize().toString());
        assertThat(recorded.fingerprint()).startsWith("sha256:").isEqualTo(ModelFingerprint.of(folder));
        assertThat(LabModels.identify("http://gpu:8000/v1 big-model")).isEqualTo(new ModelInfo("big-model", "http://gpu:8000/v1", null));
        assertThat(LabModels.identify(dir.resolve("gone").toString()).fingerprint()).isNull();
    }

    @Test
    void anOlderLabOfTheSessionCanBePickedAndKeepsItsPlace() {
        lab.build();
        runEverything();
        Lab first = lab.lab();
        lab.rowDimensionProperty().set(null);
        lab.columnValuesProperty().set("7");
        lab.build();
        runEverything();
        Lab second = lab.lab();

        assertThat(lab.sessionLabs()).extracting(Lab::id).containsExactly(first.id(), second.id());
        assertThat(lab.select(first)).isTrue();

        assertThat(lab.lab().id()).isEqualTo(first.id());
        assertThat(lab.cells()).hasSize(4).allMatch(c -> c.state() == LabCellViewModel.State.DONE);
        assertThat(lab.cell(clip, 1, 1).answer()).isEqualTo("The ball hits the red wall.");
        assertThat(lab.columnValuesProperty().get()).isEqualTo("1\n2");
        List<Lab> saved = lab.labs(Map.of(clip.path(), "media-1"));
        assertThat(saved).extracting(Lab::id).containsExactly(first.id(), second.id());
        assertThat(saved.get(1).cells()).hasSize(1);

        LabViewModel reopened = newLab(BACKEND);
        reopened.restore(saved, id -> id.equals("media-1") ? clip.path() : null);
        assertThat(reopened.lab().id()).isEqualTo(second.id());
        assertThat(reopened.sessionLabs()).extracting(Lab::id).containsExactly(first.id(), second.id());
        assertThat(reopened.select(reopened.sessionLabs().get(0))).isTrue();
        assertThat(reopened.cells()).hasSize(4).allMatch(c -> c.state() == LabCellViewModel.State.DONE);
        assertThat(reopened.labs(Map.of(clip.path(), "media-1"))).extracting(Lab::id).containsExactly(first.id(), second.id());
    }
}
