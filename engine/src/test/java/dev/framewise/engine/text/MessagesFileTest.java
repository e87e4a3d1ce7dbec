package dev.framewise.engine.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.EngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessagesFileTest {
    @TempDir
    Path dir;

    /** Writes a case's messages next to the fixture media as a user would, then reads it back. */
    static List<ChatMessage> caseMessages(JsonNode c) {
        Path origin = TextFixture.modelDir().resolve("cases.json");
        return MessagesFile.parse(c.get("messages").toString(), TextFixture.modelDir(), origin);
    }

    @Test
    void everyFixtureCaseParses() {
        for (JsonNode c : TextFixture.json("cases.json").get("cases")) {
            List<ChatMessage> messages = caseMessages(c);
            assertThat(messages).as(c.get("id").asText()).hasSize(c.get("messages").size());
            long media = messages.get(0).content().stream().filter(p -> !(p instanceof ContentPart.Text)).count();
            int expectedMedia = c.path("images").size() + c.path("videos").size();
            assertThat(media).as(c.get("id").asText()).isEqualTo(expectedMedia);
        }
    }

    @Test
    void videoOptionsAndRelativePathsAreRead() throws IOException {
        JsonNode d = TextFixture.json("cases.json").get("cases").get(3);
        Path file = TextFixture.modelDir().resolve("inputs").resolve("..").resolve("d_messages_test.json");
        List<ChatMessage> messages = MessagesFile.parse(d.get("messages").toString(), TextFixture.modelDir(), file);
        ContentPart.Video video = (ContentPart.Video) messages.get(0).content().get(0);
        assertThat(video.path()).isEqualTo(TextFixture.modelDir().resolve("inputs/d_video.mov"));
        assertThat(video.fps()).isEqualTo(1.5);
        assertThat(video.minPixels()).isEqualTo(3136);
        assertThat(video.maxPixels()).isEqualTo(4000);
        assertThat(video.nframes()).isNull();
        assertThat(messages.get(0).content().get(1)).isEqualTo(new ContentPart.Text("Which object moved first?"));
    }

    @Test
    void fileResolvesAgainstItsFolderAndAcceptsFileUrlsAndOpenAiShapes() throws IOException {
        Files.createDirectories(dir.resolve("media"));
        Files.write(dir.resolve("media/a.png"), new byte[] {1});
        Files.write(dir.resolve("media/v.mp4"), new byte[] {1});
        Path file = dir.resolve("chat.json");
        Files.writeString(file, """
                [{"role": "system", "content": "Be brief."},
                 {"role": "user", "content": [
                   {"image": "media/a.png", "resized_height": 56, "resized_width": 84},
                   {"type": "image_url", "image_url": {"url": "file://%s"}},
                   {"type": "video", "video": "media/v.mp4", "nframes": 8, "video_start": 0.5, "video_end": 2},
                   {"type": "text", "text": "Compare."}]}]
                """.formatted(dir.resolve("media/a.png")));
        List<ChatMessage> messages = MessagesFile.read(file);
        assertThat(messages.get(0)).isEqualTo(ChatMessage.system("Be brief."));
        List<ContentPart> parts = messages.get(1).content();
        assertThat(parts.get(0)).isEqualTo(new ContentPart.Image(dir.resolve("media/a.png"), null, null, 56, 84));
        assertThat(parts.get(1)).isEqualTo(ContentPart.Image.of(dir.resolve("media/a.png")));
        assertThat(parts.get(2)).isEqualTo(
                new ContentPart.Video(dir.resolve("media/v.mp4"), null, 8, null, null, null, 0.5, 2.0));
    }

    private String errorOf(String json) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, json);
        try {
            MessagesFile.read(file);
        } catch (EngineException e) {
            assertThat(e.getMessage()).startsWith("messages file " + file + ": ");
            return e.getMessage();
        }
        throw new AssertionError("no error for " + json);
    }

    @Test
    void malformedInputsGiveOneClearError() throws IOException {
        assertThat(errorOf("[{\"role\": \"user\",\n \"content\": \"hi\"")).contains("not valid JSON (line 2");
        assertThat(errorOf("{}")).contains("non-empty JSON list");
        assertThat(errorOf("[]")).contains("non-empty JSON list");
        assertThat(errorOf("[{\"role\": \"tool\", \"content\": \"x\"}]"))
                .contains("message 1 has unknown role \"tool\" (use system, user or assistant)");
        assertThat(errorOf("[{\"content\": \"x\"}]")).contains("message 1 has no \"role\"");
        assertThat(errorOf("[{\"role\": \"user\"}]")).contains("message 1 (user) has no \"content\"");
        assertThat(errorOf("[{\"role\": \"user\", \"content\": [{\"type\": \"text\"}]}]"))
                .contains("message 1, part 1 is a text part without a \"text\" string");
        assertThat(errorOf("[{\"role\": \"user\", \"content\": [{\"type\": \"audio\", \"audio\": \"a.wav\"}]}]"))
                .contains("unknown type \"audio\"");
        assertThat(errorOf("[{\"role\": \"user\", \"content\": [{\"type\": \"image\", \"image\": \"missing.png\"}]}]"))
                .contains("image file " + dir.resolve("missing.png") + " not found");
        assertThat(errorOf("[{\"role\": \"user\", \"content\": [{\"image\": \"https://x.org/a.png\"}]}]"))
                .contains("is not a local file");
        assertThat(errorOf("[{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"a\", \"txt\": 1}]}]"))
                .contains("unknown field \"txt\"");
        assertThat(errorOf("[{\"role\": \"user\", \"content\": [{\"type\": \"video\", \"video\": [\"a.png\", \"b.png\"]}]}]"))
                .contains("message 1, part 1: a video given as a list of frame images is not supported");
        assertThat(errorOf("[{\"role\": \"user\", \"content\": [{\"type\": \"image\"}]}]"))
                .contains("message 1, part 1 is an image part without a file path in \"image\"");
        Files.write(dir.resolve("v.mp4"), new byte[] {1});
        assertThat(errorOf("[{\"role\": \"user\", \"content\": [{\"video\": \"v.mp4\", \"fps\": 2, \"nframes\": 4}]}]"))
                .contains("gives both \"fps\" and \"nframes\"");
        assertThat(errorOf("[{\"role\": \"user\", \"content\": [{\"video\": \"v.mp4\", \"max_pixels\": \"big\"}]}]"))
                .contains("\"max_pixels\" must be a positive whole number, not \"big\"");
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> MessagesFile.read(dir.resolve("none.json")))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("messages file " + dir.resolve("none.json") + " not found");
    }
}
