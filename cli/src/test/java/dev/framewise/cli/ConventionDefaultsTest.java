package dev.framewise.cli;

import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.engine.media.QwenVideoSampler;
import dev.framewise.engine.media.VideoSampling;
import dev.framewise.engine.text.MessagesFile;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The convenience flags take the prompt convention's defaults; a messages file takes qwen-vl-utils'. */
class ConventionDefaultsTest {
    private static final PromptConvention COSMOS = PromptConvention.COSMOS_REASON1;

    @Test
    void askAndServeDefaultToTheConventionsSampling() {
        AskCommand ask = new AskCommand();
        new CommandLine(ask).parseArgs("--model", "m", "--prompt", "Q");
        assertThat(ask.maxTokens).isEqualTo(4096).isEqualTo(COSMOS.sampling().maxTokens());
        assertThat(ask.temperature).isEqualTo(0.6);
        assertThat(ask.topP).isEqualTo(0.95);
        assertThat(ask.topK).isZero();
        assertThat(ask.repetitionPenalty).isEqualTo(1.05);
        assertThat(ask.topLogprobs).isEqualTo(5);

        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--model", "m");
        assertThat(serve.defaultMaxTokens).isEqualTo(4096);
    }

    @Test
    void videoFlagsTakeTheConventionsFpsAndBudget() {
        AskCommand ask = new AskCommand();
        new CommandLine(ask).parseArgs("--model", "m", "--prompt", "Q", "--video", "v.mp4");
        assertThat(ask.media.parts()).containsExactly(
                new ContentPart.Video(Path.of("v.mp4"), 4.0, null, null, null, 12_845_056, null, null));
        new CommandLine(ask).parseArgs("--model", "m", "--prompt", "Q", "--video", "v.mp4", "--nframes", "8",
                "--max-pixels", "50000");
        assertThat(ask.media.parts()).containsExactly(
                new ContentPart.Video(Path.of("v.mp4"), null, 8, null, 50_000, 12_845_056, null, null));
    }

    @Test
    void aMessagesVideoPartLeftBareFollowsQwenVlUtils(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("v.mp4"), "not decoded here");
        List<ChatMessage> messages = MessagesFile.parse(
                "[{\"role\":\"user\",\"content\":[{\"type\":\"video\",\"video\":\"v.mp4\"},{\"type\":\"text\",\"text\":\"Q\"}]}]",
                dir, dir.resolve("chat.json"));
        ContentPart.Video part = (ContentPart.Video) messages.get(0).content().get(0);
        assertThat(part).isEqualTo(ContentPart.Video.of(dir.resolve("v.mp4")));
        // 10 s at 30 fps: qwen-vl-utils FPS = 2.0 gives 20 frames, within 90,316,800 pixels in total
        var plan = QwenVideoSampler.plan(VideoSampling.of(part), 300, 30, 720, 1280);
        assertThat(plan.indices()).hasSize(20);
        assertThat(QwenVideoSampler.FPS).isEqualTo(2.0);
    }

    @Test
    void theHelpStatesWhichDefaultsApplyWhere() {
        String help = new CommandLine(new AskCommand()).getUsageMessage();
        assertThat(help).contains("Most tokens to generate (default 4096)", "(default 0.6)",
                "applies the Cosmos-Reason1 convention", "4 fps and 12845056", "--messages is used verbatim",
                "qwen-vl-utils", "2 fps");
    }
}
