package dev.framewise.engine.store.hub;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.qwen25vl.Qwen25VlFamily;
import dev.framewise.engine.model.ComputeDevice;
import dev.framewise.engine.model.KvCache;
import dev.framewise.engine.model.LanguageModel;
import dev.framewise.engine.model.Precision;
import dev.framewise.engine.model.Weights;
import dev.framewise.engine.store.TestModels;
import dev.framewise.engine.store.discovery.HubCache;
import dev.framewise.engine.store.discovery.RepoId;
import dev.framewise.engine.text.QwenTokenizer;
import dev.framewise.engine.torch.TensorProgram;
import dev.framewise.engine.torch.TorchValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A model pulled from the (loopback) Hub loads through the engine exactly like the original folder. */
class PulledModelLoadsTest {
    @TempDir
    Path temp;

    @Test
    void thePulledSnapshotGivesTheSameLogitsAsTheFixture() throws Exception {
        Path snapshot;
        try (FakeHub hub = new FakeHub(TestModels.tinyModel())) {
            ModelDownloader downloader = new ModelDownloader(new HubClient(hub.endpoint(), null),
                    new HubCache(temp), new DownloadOptions(2, 0, Duration.ZERO, 0, dir -> Long.MAX_VALUE, Duration.ofSeconds(30)));
            snapshot = downloader.pull(RepoId.parse(FakeHub.REPO), DownloadListener.NONE, new CancellationToken());
        }
        assertThat(ModelFamilies.readConfig(snapshot)).isEqualTo(ModelFamilies.readConfig(TestModels.tinyModel()));
        assertThat(Weights.open(snapshot).names()).isEqualTo(Weights.open(TestModels.tinyModel()).names());

        int[] ids;
        try (QwenTokenizer pulled = QwenTokenizer.load(snapshot);
             QwenTokenizer original = QwenTokenizer.load(TestModels.tinyModel())) {
            ids = pulled.encode("Is it safe for the robot to grasp the cup now?");
            assertThat(ids).containsExactly(original.encode("Is it safe for the robot to grasp the cup now?"));
        }
        try (TensorProgram program = Qwen25VlFamily.INSTANCE.loadProgram()) {
            float[] fromPull = lastLogits(program, snapshot, ids);
            float[] fromFixture = lastLogits(program, TestModels.tinyModel(), ids);
            assertThat(fromPull).hasSize(2048).containsExactly(fromFixture);
        }
    }

    private static float[] lastLogits(TensorProgram program, Path folder, int[] ids) {
        long[][] positions = new long[3][ids.length];
        for (long[] axis : positions) for (int i = 0; i < ids.length; i++) axis[i] = i;
        try (LanguageModel model = LanguageModel.load(program, ModelFamilies.readConfig(folder).text(), Weights.open(folder),
                Precision.FP32, ComputeDevice.CPU);
             KvCache cache = model.newCache(64);
             TorchValue embeds = model.embed(ids)) {
            return model.prefill(cache, embeds, positions);
        }
    }
}
