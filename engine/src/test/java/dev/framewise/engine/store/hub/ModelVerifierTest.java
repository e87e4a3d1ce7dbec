package dev.framewise.engine.store.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.engine.model.SafetensorsFile;
import dev.framewise.engine.store.TestModels;
import dev.framewise.engine.store.discovery.ModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelVerifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** The tiny model with its single safetensors file split in two shards and an index, as big checkpoints are. */
    private Path shardedCopy() throws IOException {
        Path dir = temp.resolve("sharded");
        Files.createDirectories(dir);
        Path tiny = TestModels.tinyModel();
        try (Stream<Path> files = Files.list(tiny)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.getFileName().toString().equals(ModelFiles.SINGLE_WEIGHTS)) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
        }
        SafetensorsFile single = SafetensorsFile.open(tiny.resolve(ModelFiles.SINGLE_WEIGHTS));
        List<String> names = single.names();
        Map<String, String> weightMap = new LinkedHashMap<>();
        List<List<String>> halves = List.of(names.subList(0, names.size() / 2), names.subList(names.size() / 2, names.size()));
        long total = 0;
        for (int i = 0; i < 2; i++) {
            String shard = "model-0000" + (i + 1) + "-of-00002.safetensors";
            total += writeShard(single, halves.get(i), dir.resolve(shard));
            for (String n : halves.get(i)) weightMap.put(n, shard);
        }
        ObjectNode index = JSON.createObjectNode();
        index.putObject("metadata").put("total_size", total);
        ObjectNode map = index.putObject("weight_map");
        weightMap.forEach(map::put);
        JSON.writeValue(dir.resolve(ModelFiles.WEIGHTS_INDEX).toFile(), index);
        return dir;
    }

    /** Writes the named tensors of {@code source} into a new safetensors file; returns their data bytes. */
    private static long writeShard(SafetensorsFile source, List<String> names, Path target) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        List<byte[]> data = new ArrayList<>();
        long offset = 0;
        for (String n : names) {
            SafetensorsFile.TensorInfo t = source.info(n);
            ByteBuffer b = source.map(n);
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            ObjectNode e = header.putObject(n).put("dtype", t.dtype().name());
            var shape = e.putArray("shape");
            for (long d : t.shape()) shape.add(d);
            e.putArray("data_offsets").add(offset).add(offset + bytes.length);
            offset += bytes.length;
            data.add(bytes);
        }
        byte[] h = JSON.writeValueAsBytes(header);
        try (var out = Files.newOutputStream(target)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
            out.write(h);
            for (byte[] d : data) out.write(d);
        }
        return offset;
    }

    @Test
    void theFixtureAndAShardedCopyAreClean() throws IOException {
        ModelVerifier.Report tiny = new ModelVerifier(true).verify(TestModels.tinyModel());
        assertThat(tiny.problems()).isEmpty();
        ModelVerifier.Report sharded = new ModelVerifier(true).verify(shardedCopy());
        assertThat(sharded.problems()).isEmpty();
        assertThat(sharded.filesChecked()).isEqualTo(4); // config, two shards, tokenizer
    }

    @Test
    void aMissingShardIsNamed() throws IOException {
        Path dir = shardedCopy();
        Files.delete(dir.resolve("model-00002-of-00002.safetensors"));
        ModelVerifier.Report report = new ModelVerifier(false).verify(dir);
        assertThat(report.problems()).singleElement().asString()
                .contains("model-00002-of-00002.safetensors is missing")
                .contains("listed in model.safetensors.index.json");
    }

    @Test
    void aTruncatedShardIsNamedWithItsTensor() throws IOException {
        Path dir = shardedCopy();
        Path shard = dir.resolve("model-00001-of-00002.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(shard.toFile(), "rw")) {
            f.setLength(f.length() - 1000);
        }
        ModelVerifier.Report report = new ModelVerifier(false).verify(dir);
        assertThat(report.problems()).singleElement().asString()
                .contains(shard.toString()).contains("is truncated").contains("download the file again");
    }

    @Test
    void aHeaderLongerThanTheFileIsCaught() throws IOException {
        Path dir = shardedCopy();
        Path shard = dir.resolve("model-00002-of-00002.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(shard.toFile(), "rw")) {
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(f.length() + 1).array());
        }
        assertThat(new ModelVerifier(false).verify(dir).problems()).singleElement().asString()
                .contains("header length").contains(shard.getFileName().toString());
    }

    @Test
    void missingTokenizerAndTemplateAreEachOneLine() throws IOException {
        Path dir = shardedCopy();
        Files.delete(dir.resolve("tokenizer.json"));
        Files.delete(dir.resolve("chat_template.json"));
        ObjectNode tokenizerConfig = (ObjectNode) JSON.readTree(dir.resolve("tokenizer_config.json").toFile());
        tokenizerConfig.remove("chat_template");
        JSON.writeValue(dir.resolve("tokenizer_config.json").toFile(), tokenizerConfig);
        List<String> problems = new ModelVerifier(false).verify(dir).problems();
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("tokenizer.json is missing");
        assertThat(problems.get(1)).contains("no chat template");
    }

    @Test
    void aFileChangedAfterDownloadFailsItsManifestHash() throws Exception {
        Path dir = shardedCopy();
        Path config = dir.resolve("config.json");
        byte[] original = Files.readAllBytes(config);
        new DownloadManifest("acme/tiny", "main", FakeHub.COMMIT, "http://127.0.0.1",
                List.of(new DownloadManifest.Entry("config.json", original.length, null, FakeHub.gitBlobId(original))))
                .write(dir);
        assertThat(new ModelVerifier(true).verify(dir).problems()).isEmpty();

        byte[] changed = original.clone();
        changed[changed.length - 3] = ' ';
        Files.write(config, changed);
        assertThat(new ModelVerifier(true).verify(dir).problems()).singleElement().asString()
                .contains("config.json has git blob id").contains("the Hub published " + FakeHub.gitBlobId(original));
    }

    @Test
    void hashingReportsBytesOfTheTotalAndCanBeCancelled() throws Exception {
        Path dir = shardedCopy();
        List<DownloadManifest.Entry> entries = new ArrayList<>();
        long total = 0;
        for (String shard : List.of("model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors")) {
            byte[] bytes = Files.readAllBytes(dir.resolve(shard));
            String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
            entries.add(new DownloadManifest.Entry(shard, bytes.length, sha256, null));
            total += bytes.length;
        }
        new DownloadManifest("acme/tiny", "main", FakeHub.COMMIT, "http://127.0.0.1", entries).write(dir);
        List<long[]> seen = new ArrayList<>();
        ModelVerifier.Report report = new ModelVerifier(true).verify(dir, (done, all) -> seen.add(new long[] {done, all}),
                new dev.framewise.engine.api.CancellationToken());
        assertThat(report.problems()).isEmpty();
        long expectedTotal = total;
        assertThat(seen).isNotEmpty().allSatisfy(p -> assertThat(p[1]).isEqualTo(expectedTotal));
        assertThat(seen.get(0)[0]).isZero();
        assertThat(seen.get(seen.size() - 1)[0]).isEqualTo(total);
        assertThat(seen).extracting(p -> p[0]).isSorted();

        // cancelled after the first block: a typed refusal that says how much was hashed and how to check later
        var cancel = new dev.framewise.engine.api.CancellationToken();
        assertThatThrownBy(() -> new ModelVerifier(true).verify(dir, (done, all) -> {
            if (done > 0) cancel.cancel();
        }, cancel)).isInstanceOfSatisfying(DownloadException.class, e -> {
            assertThat(e.reason()).isEqualTo(DownloadException.Reason.CANCELLED);
            assertThat(e.getMessage()).contains("was cancelled after ").contains(" hashed: run `framewise models verify acme/tiny`");
        });
    }
}
