package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.CachedWork;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.CostEstimate;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.api.GenerationParams;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.engine.api.Timings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The cost preview's logic without the toolkit: estimates follow the settings, answers to older settings are
 * dropped, a long estimate offers cheaper settings with their own (lower) estimates, one of which applies with one
 * call, and a finished run refines the calibration.
 */
class CostPreviewViewModelTest {
    private static final Path MODEL = Path.of("/models/Cosmos-Reason1-7B");
    private static final Path CLIP = Path.of("/videos/kitchen.mp4");
    private static final double VIDEO_SECONDS = 60;

    /** The settings the preview reads, as the ask box would hold them. */
    private Double fps = 4.0;
    private Integer maxPixels = null;
    private Double clipStart = null;
    private Double clipEnd = null;
    private final List<Timings> refined = new ArrayList<>();
    private final List<Path> opened = new ArrayList<>();
    private final List<OptionalDouble> kernels = new ArrayList<>();
    private OptionalDouble loadedKernel = OptionalDouble.empty();
    private boolean failing;

    /** Seconds to the first token grow with the frames and their pixels, as the engine's would. */
    private final CostEstimates estimates = folder -> {
        opened.add(folder);
        return new CostEstimates.Estimator() {
            @Override
            public CostEstimate estimate(GenerationRequest request) {
                if (failing) throw new EngineException("cannot open kitchen.mp4: the file is damaged");
                ContentPart.Video v = (ContentPart.Video) request.messages().stream()
                        .flatMap(m -> m.content().stream()).filter(p -> p instanceof ContentPart.Video).findFirst()
                        .orElseThrow();
                double start = v.videoStart() == null ? 0 : v.videoStart();
                double end = v.videoEnd() == null ? VIDEO_SECONDS : v.videoEnd();
                int frames = (int) Math.round((end - start) * v.fps());
                double pixels = v.maxPixels() == null ? ParamsViewModel.DEFAULT_MAX_PIXELS : v.maxPixels();
                double seconds = frames * pixels / 1e6;
                return new CostEstimate(frames, frames * 1000L, frames * 250, frames * 250 + 40, 17L << 30, 16L << 30,
                        1L << 28, 1L << 29, seconds * 0.1, seconds * 0.6, seconds * 0.3, 0, 2.5, 4);
            }

            /** A cached video costs no decode or tower; a cached prefix shortens the prefill in proportion. */
            @Override
            public CostEstimate estimate(GenerationRequest request, CachedWork cached) {
                CostEstimate all = estimate(request);
                int reused = cached.reusedPromptTokens();
                boolean video = cached.isMediaCached(0);
                return new CostEstimate(all.frames(), all.visionPatches(), all.visionTokens(), all.promptTokens(),
                        all.memoryBytes(), all.weightsBytes(), all.kvCacheBytes(), all.visionActivationBytes(),
                        video ? 0 : all.mediaSeconds(), video ? 0 : all.visionSeconds(),
                        all.prefillSeconds() * (all.promptTokens() - reused) / all.promptTokens(),
                        all.overheadSeconds(), all.decodeTokensPerSecond(), all.calibratedRuns(), video ? 1 : 0, reused);
            }

            @Override
            public void preferLoadedKernel(Supplier<OptionalDouble> productFlopsPerSecond) {
                kernels.add(productFlopsPerSecond.get());
            }

            @Override
            public void refine(GenerationRequest request, Timings actual) {
                refined.add(actual);
            }

            @Override
            public void close() {
            }
        };
    };

    private RunSpec settings() {
        return new RunSpec("What happens next?", CLIP, clipStart, clipEnd, GenerationParams.cosmosDefaults(), fps,
                maxPixels, true, null);
    }

    private CachedWork cached = CachedWork.NONE;
    private PromptConvention convention = PromptConvention.COSMOS_REASON1;

    private CostPreviewViewModel preview(Executor background) {
        return new CostPreviewViewModel(background, Runnable::run, Debouncer.immediate(), estimates, this::settings,
                new RequestFactory()::build, () -> VIDEO_SECONDS, change -> {
                    if (change.fps() != null) fps = change.fps();
                    if (change.maxPixels() != null) maxPixels = change.maxPixels();
                    if (change.clipStart() != null) {
                        clipStart = change.clipStart();
                        clipEnd = change.clipEnd();
                    }
                }, () -> convention, request -> {
                    ContentPart.Video v = (ContentPart.Video) request.messages().get(request.messages().size() - 1)
                            .content().get(0);
                    // the loaded model caches the video at 4 fps, unclipped, at the family's pixel cap only
                    return v.fps() == 4.0 && v.videoStart() == null && v.maxPixels() == null ? cached : CachedWork.NONE;
                }, () -> loadedKernel);
    }

    @Test
    void theLoadedModelsOwnKernelIsOfferedToTheEstimator() {
        CostPreviewViewModel vm = preview(Runnable::run);
        vm.modelChanged(MODEL); // the folder is known before its model has loaded
        assertThat(kernels).containsExactly(OptionalDouble.empty());
        loadedKernel = OptionalDouble.of(3e9);
        vm.settingsChanged();
        assertThat(kernels).containsExactly(OptionalDouble.empty(), OptionalDouble.of(3e9));
        assertThat(vm.stateProperty().get()).isEqualTo(CostPreviewViewModel.State.READY);
    }

    @Test
    void noModelNoEstimate() {
        CostPreviewViewModel vm = preview(Runnable::run);
        vm.settingsChanged();
        assertThat(vm.stateProperty().get()).isEqualTo(CostPreviewViewModel.State.NO_ESTIMATE);
        assertThat(vm.textProperty().get()).isEmpty();
        assertThat(opened).isEmpty();
    }

    @Test
    void theEstimateFollowsTheSettings() {
        fps = 0.5;
        maxPixels = 200_000;
        CostPreviewViewModel vm = preview(Runnable::run);
        vm.modelChanged(MODEL);
        assertThat(vm.stateProperty().get()).isEqualTo(CostPreviewViewModel.State.READY);
        assertThat(vm.estimateProperty().get().frames()).isEqualTo(30);
        assertThat(vm.textProperty().get())
                .isEqualTo("30 frames · 7,500 vision tokens · 7,540 prompt tokens · 17.0 GiB · first token ≈ 6.0 s");
        assertThat(vm.detailProperty().get()).contains("media decode ≈ 0.60 s · vision encode ≈ 3.6 s · prefill ≈ 1.8 s",
                "refined by 4 runs");
        assertThat(vm.suggestions()).isEmpty(); // 6 s is not long
        fps = 1.0;
        vm.settingsChanged();
        assertThat(vm.estimateProperty().get().frames()).isEqualTo(60);
        assertThat(opened).containsExactly(MODEL); // the estimator is opened once per model
        vm.modelChanged(null); // a server: no estimate
        assertThat(vm.textProperty().get()).isEmpty();
        assertThat(vm.estimateProperty().get()).isNull();
    }

    @Test
    void aLongEstimateOffersCheaperSettingsThatApplyInOneClick() {
        CostPreviewViewModel vm = preview(Runnable::run);
        vm.modelChanged(MODEL);
        double full = vm.estimateProperty().get().secondsToFirstToken();
        assertThat(full).isGreaterThan(CostPreviewViewModel.LONG_SECONDS);
        assertThat(vm.suggestions()).extracting(s -> s.change().label())
                .containsExactly("2 fps instead of 4", "half the pixels per frame (301,056)", "only 0:00.0–0:10.0");
        for (CostPreviewViewModel.Suggestion s : vm.suggestions()) {
            assertThat(s.estimate().secondsToFirstToken()).isLessThan(full);
        }
        assertThat(vm.suggestions().get(0).estimate().secondsToFirstToken()).isCloseTo(full / 2, within(1e-9));
        assertThat(vm.suggestions().get(0).text()).startsWith("2 fps instead of 4 — first token ≈ ");

        vm.apply(vm.suggestions().get(2));
        assertThat(clipStart).isEqualTo(0.0);
        assertThat(clipEnd).isEqualTo(10.0);
        assertThat(vm.estimateProperty().get().frames()).isEqualTo(40); // 10 s at 4 fps, estimated again
        assertThat(vm.estimateProperty().get().secondsToFirstToken()).isCloseTo(full / 6, within(1e-9));
    }

    @Test
    void workTheLoadedModelHasCachedIsLeftOut() {
        fps = 4.0;
        cached = new CachedWork(List.of(true), 7_000);
        CostPreviewViewModel vm = preview(Runnable::run);
        vm.modelChanged(MODEL);
        CostEstimate e = vm.estimateProperty().get();
        assertThat(e.frames()).isEqualTo(240);
        assertThat(e.visionSeconds()).isZero();
        assertThat(e.mediaSeconds()).isZero();
        assertThat(e.prefillSeconds()).isCloseTo(240 * 0.602112 * 0.3 * (60_040 - 7_000) / 60_040, within(1e-9));
        assertThat(vm.textProperty().get()).startsWith("240 frames (cached) · 60,000 vision tokens · 60,040 prompt "
                + "tokens (7,000 cached) · ");
        assertThat(vm.detailProperty().get()).contains("cached from an earlier run (not computed again): 1 medium's "
                + "vision embeddings and the first 7,000 prompt tokens");
        // the cheaper settings are other videos for the cache, estimated in full: only the clip still beats the
        // cached question (half the frames or pixels of a video not yet encoded would take longer)
        assertThat(vm.suggestions()).extracting(s -> s.change().label()).containsExactly("only 0:00.0–0:10.0");
        assertThat(vm.suggestions().get(0).estimate().cachedMedia()).isZero();
        assertThat(vm.suggestions().get(0).estimate().secondsToFirstToken()).isLessThan(e.secondsToFirstToken());
    }

    @Test
    void theSuggestedPixelsFollowTheLoadedFamily() {
        convention = PromptConvention.COSMOS_REASON2;
        CostPreviewViewModel vm = preview(Runnable::run);
        vm.modelChanged(MODEL);
        assertThat(vm.suggestions()).extracting(s -> s.change().label())
                .contains("half the pixels per frame (393,216)");
    }

    @Test
    void anAnswerToOlderSettingsIsDropped() {
        Deque<Runnable> queued = new ArrayDeque<>();
        CostPreviewViewModel vm = preview(queued::add);
        vm.modelChanged(MODEL);
        fps = 1.0;
        vm.settingsChanged();
        assertThat(vm.stateProperty().get()).isEqualTo(CostPreviewViewModel.State.ESTIMATING);
        queued.removeLast().run(); // the newer settings answer first
        queued.removeLast().run(); // then the older ones: dropped
        assertThat(vm.estimateProperty().get().frames()).isEqualTo(60);
    }

    @Test
    void mediaThatCannotBePlannedSaysWhyInOneLine() {
        failing = true;
        CostPreviewViewModel vm = preview(Runnable::run);
        vm.modelChanged(MODEL);
        assertThat(vm.stateProperty().get()).isEqualTo(CostPreviewViewModel.State.FAILED);
        assertThat(vm.textProperty().get()).contains("cannot open kitchen.mp4: the file is damaged").doesNotContain("\n");
        assertThat(vm.suggestions()).isEmpty();
    }

    @Test
    void aFinishedRunRefinesTheCalibration() {
        CostPreviewViewModel vm = preview(Runnable::run);
        vm.modelChanged(MODEL);
        Timings actual = new Timings(0, 30, 2400, 1600, 1650, 700, 790, 9, 0, 380);
        vm.refine(new RequestFactory().build(settings()), actual);
        assertThat(refined).containsExactly(actual);
    }
}
