package dev.framewise.app.viewmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.app.ui.TestVideos;
import dev.framewise.cli.FramewiseCli;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.FrameRef;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.engine.api.TokenEvent;
import dev.framewise.engine.api.VisionGrid;
import dev.framewise.engine.embedded.EmbeddedBackend;
import dev.framewise.engine.embedded.EmbeddedOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same video question asked through {@code framewise ask --video --prompt} and through the workbench's
 * request building reaches the model identically: same frames, same frame size and grid, same prompt tokens, for
 * a Qwen2.5-VL model (Cosmos-Reason1's convention) and for a Qwen3-VL model (Cosmos-Reason2's).
 */
class ConventionParityTest {
    private static final String QUESTION = "Which way does the ball move?";

    @Test
    void askAndTheWorkbenchSampleAndPromptAVideoAlike(@TempDir Path dir) throws Exception {
        Path model = Path.of(getClass().getResource("/qwen25vl-tiny/config.json").toURI()).getParent();
        // 7 s at 10 fps: the convention's 4 fps gives 28 frames (qwen-vl-utils' default 2 fps would give 14)
        Path video = TestVideos.write(dir.resolve("ball.mp4"), 7, 10);

        JsonNode cli = askJson("ask", "--model", model.toString(), "--video", video.toString(), "--prompt", QUESTION,
                "--max-tokens", "1", "--device", "cpu", "--json");

        ParamsViewModel params = new ParamsViewModel();
        assertThat(params.toGenerationParams()).isEqualTo(PromptConvention.COSMOS_REASON1.sampling());
        params.maxTokensProperty().set(1);
        RunSpec spec = new RunSpec(QUESTION, video, null, null, params.toGenerationParams(),
                params.fpsProperty().get(), params.maxPixelsOverride(), params.reasoningFormatProperty().get(), null);
        GenerationRequest request = new RequestFactory().build(spec);
        GenerationResult workbench;
        List<String> events = new ArrayList<>();
        GenerationListener listener = new GenerationListener() {
            @Override
            public void onFrames(List<FrameRef> frames) {
                events.add("frames " + frames.size());
            }

            @Override
            public void onToken(TokenEvent token) {
                events.add("token");
            }
        };
        try (EmbeddedBackend backend = EmbeddedBackend.open(model, EmbeddedOptions.defaults())) {
            workbench = backend.generate(request, listener, new CancellationToken());
        }
        assertThat(events).as("GenerationListener: the frames come before any token").containsExactly("frames 28", "token");

        assertThat(workbench.promptTokenIds()).containsExactly(ints(cli.get("prompt_token_ids")));
        assertThat(workbench.frames().stream().mapToLong(f -> f.index()).toArray())
                .containsExactly(longs(cli.get("frames"), "index"));
        assertThat(workbench.frames()).hasSize(28);
        List<String> cliGrids = new ArrayList<>();
        cli.get("vision").forEach(v -> cliGrids.add(v.get("grid_thw").toString()));
        assertThat(workbench.vision()).extracting(g -> "[" + g.t() + "," + g.h() + "," + g.w() + "]")
                .containsExactlyElementsOf(cliGrids);
        VisionGrid grid = workbench.vision().get(0);
        // 320x180 frames are scaled up to qwen-vl-utils' per-frame floor of 100,352 pixels: 252x448 (18x32 patches)
        assertThat(new int[] {grid.t(), grid.h(), grid.w()}).containsExactly(14, 18, 32);
        assertThat(new int[] {grid.resizedHeight(), grid.resizedWidth()}).containsExactly(252, 448);
        assertThat(cli.get("vision").get(0).get("resized_height").asInt()).isEqualTo(252);
        assertThat(cli.get("vision").get(0).get("resized_width").asInt()).isEqualTo(448);
    }

    @Test
    void askAndTheWorkbenchSampleAndPromptAVideoAlikeForQwen3Vl(@TempDir Path dir) throws Exception {
        Path model = Path.of(getClass().getResource("/qwen3vl-tiny/config.json").toURI()).getParent();
        // 7 s at 10 fps: Cosmos-Reason2's 2 fps gives 14 frames (Cosmos-Reason1's 4 fps would give 28)
        Path video = TestVideos.write(dir.resolve("ball.mp4"), 7, 10);

        JsonNode cli = askJson("ask", "--model", model.toString(), "--video", video.toString(), "--prompt", QUESTION,
                "--max-tokens", "1", "--device", "cpu", "--json");

        GenerationResult workbench;
        GenerationRequest request;
        try (EmbeddedBackend backend = EmbeddedBackend.open(model, EmbeddedOptions.defaults())) {
            ParamsViewModel params = new ParamsViewModel();
            params.useConvention(backend.convention()); // as the Ask box does when the model is loaded
            assertThat(params.toGenerationParams()).isEqualTo(PromptConvention.COSMOS_REASON2.sampling(true));
            assertThat(params.fpsProperty().get()).isEqualTo(2.0);
            params.maxTokensProperty().set(1);
            RunSpec spec = new RunSpec(QUESTION, video, null, null, params.toGenerationParams(),
                    params.fpsProperty().get(), params.maxPixelsOverride(), params.reasoningFormatProperty().get(), null);
            request = new RequestFactory().build(spec, backend.convention());
            workbench = backend.generate(request, GenerationListener.NONE, new CancellationToken());
        }
        ContentPart.Video part = (ContentPart.Video) request.messages().get(1).content().get(0);
        assertThat(part.fps()).isEqualTo(2.0);
        assertThat(part.totalPixels()).isEqualTo(11_324_620);
        assertThat(workbench.promptTokenIds()).containsExactly(ints(cli.get("prompt_token_ids")));
        assertThat(workbench.frames().stream().mapToLong(f -> f.index()).toArray())
                .containsExactly(longs(cli.get("frames"), "index"))
                .containsExactly(0, 5, 11, 16, 21, 27, 32, 37, 42, 48, 53, 58, 64, 69);
        List<String> cliGrids = new ArrayList<>();
        cli.get("vision").forEach(v -> cliGrids.add(v.get("grid_thw").toString()));
        assertThat(workbench.vision()).extracting(g -> "[" + g.t() + "," + g.h() + "," + g.w() + "]")
                .containsExactlyElementsOf(cliGrids);
        VisionGrid grid = workbench.vision().get(0);
        // 320x180 frames scaled up to qwen-vl-utils 0.0.14's floor of 128 tokens of 32² per frame: 288x512 (18x32 patches of 16)
        assertThat(new int[] {grid.t(), grid.h(), grid.w()}).containsExactly(7, 18, 32);
        assertThat(new int[] {grid.resizedHeight(), grid.resizedWidth()}).containsExactly(288, 512);
        assertThat(cli.get("vision").get(0).get("resized_height").asInt()).isEqualTo(288);
    }

    private static JsonNode askJson(String... args) throws Exception {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = FramewiseCli.run(args);
        } finally {
            System.setOut(oldOut);
        }
        assertThat(code).isZero();
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static int[] ints(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToInt(JsonNode::asInt).toArray();
    }

    private static long[] longs(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).mapToLong(n -> n.get(field).asLong()).toArray();
    }
}
