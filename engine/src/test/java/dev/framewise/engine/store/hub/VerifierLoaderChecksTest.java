package dev.framewise.engine.store.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.store.TestModels;
import dev.framewise.engine.store.discovery.ModelFiles;
import dev.framewise.engine.store.discovery.ModelRef;
import dev.framewise.engine.store.discovery.ModelStore;
import dev.framewise.engine.store.discovery.StoreLocations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code models verify} catches what loading would refuse, from the safetensors headers only: a config.json whose
 * sizes do not match the tensors, and a truncated config.json, which is invalid JSON (not "not a model folder").
 */
class VerifierLoaderChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Path copyWithConfig(java.util.function.Consumer<ObjectNode> edit) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("copy"));
        try (Stream<Path> files = Files.list(TestModels.tinyModel())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, dir.resolve(f.getFileName()));
        }
        ObjectNode config = (ObjectNode) JSON.readTree(dir.resolve(ModelFiles.CONFIG).toFile());
        edit.accept(config);
        JSON.writeValue(dir.resolve(ModelFiles.CONFIG).toFile(), config);
        return dir;
    }

    @Test
    void theTinyModelPasses() {
        ModelVerifier.Report report = new ModelVerifier(false).verify(TestModels.tinyModel());
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void aVocabularyThatDoesNotMatchTheEmbeddingsIsFound() throws IOException {
        Path dir = copyWithConfig(c -> c.put("vocab_size", 4096));
        ModelVerifier.Report report = new ModelVerifier(false).verify(dir);
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).anyMatch(p -> p.contains("model.embed_tokens.weight") && p.contains("[4096, 128]"));
    }

    @Test
    void aWrongIntermediateSizeIsFoundOncePerTensorUpToALimit() throws IOException {
        Path dir = copyWithConfig(c -> c.put("intermediate_size", 192));
        ModelVerifier.Report report = new ModelVerifier(false).verify(dir);
        assertThat(report.problems()).hasSizeLessThanOrEqualTo(6)
                .anyMatch(p -> p.contains("mlp") && p.contains("config.json implies"));
    }

    @Test
    void headsThatDoNotDivideTheHiddenSizeAreFound() throws IOException {
        Path dir = copyWithConfig(c -> c.put("num_attention_heads", 3));
        ModelVerifier.Report report = new ModelVerifier(false).verify(dir);
        assertThat(report.problems()).anyMatch(p -> p.contains("hidden_size") && p.contains("num_attention_heads"));
    }

    @Test
    void aTruncatedConfigIsInvalidJsonNotAMissingModel() throws IOException {
        Path dir = copyWithConfig(c -> { });
        String config = Files.readString(dir.resolve(ModelFiles.CONFIG));
        Files.writeString(dir.resolve(ModelFiles.CONFIG), config.substring(0, config.length() / 2));
        assertThatThrownBy(() -> new ModelStore(new StoreLocations(temp.resolve("store"), temp.resolve("hf")))
                .find(dev.framewise.engine.store.discovery.ModelRef.parse(dir.toString())))
                .isInstanceOf(EngineException.class).hasMessageContaining("is not valid JSON")
                .hasMessageNotContaining("not a model folder");
        assertThat(new ModelVerifier(false).verify(dir).problems()).anyMatch(p -> p.contains("is not valid JSON"));
    }
}
