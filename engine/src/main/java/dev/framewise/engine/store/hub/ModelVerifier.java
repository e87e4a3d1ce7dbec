package dev.framewise.engine.store.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.family.ModelFamilies;
import dev.framewise.engine.family.ModelFamily;
import dev.framewise.engine.model.ModelConfig;
import dev.framewise.engine.model.SafetensorsFile;
import dev.framewise.engine.model.TensorShape;
import dev.framewise.engine.model.Weights;
import dev.framewise.engine.store.Bytes;
import dev.framewise.engine.store.discovery.ModelFiles;
import dev.framewise.engine.text.QwenTokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Checks a model folder before anyone waits for it to load: config.json parses; every weight file the index
 * names is present, its safetensors header fits the file and every tensor's bytes lie inside it, and each
 * tensor is where the index says; file sizes and hashes match the download manifest when there is one; the
 * tokenizer loads; a chat template and (for vision models) the image processor settings are present.
 * Each problem is one line naming the file and what to do.
 */
public final class ModelVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Outcome: the problems found (empty when the model is usable) and how many files were checked. */
    public record Report(Path folder, List<String> problems, int filesChecked) {
        public Report {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final boolean checkHashes;

    /** @param checkHashes hash every file listed in the download manifest (reads the whole model once) */
    public ModelVerifier(boolean checkHashes) {
        this.checkHashes = checkHashes;
    }

    /** How far the hashing has come: bytes hashed of the manifest's files' total; called on the verifying thread. */
    @FunctionalInterface
    public interface HashProgress {
        HashProgress NONE = (done, total) -> { };

        void hashed(long doneBytes, long totalBytes);
    }

    public Report verify(Path folder) {
        return verify(folder, HashProgress.NONE, new CancellationToken());
    }

    /**
     * As {@link #verify(Path)}, telling {@code progress} of the bytes hashed (about every MiB), and stopping at the
     * next MiB once {@code cancel} is set.
     *
     * @throws DownloadException with reason {@code CANCELLED} when cancelled; the files are left as they are
     */
    public Report verify(Path folder, HashProgress progress, CancellationToken cancel) {
        List<String> problems = new ArrayList<>();
        int[] checked = {0};
        ModelConfig config = null;
        try {
            config = ModelFamilies.readConfig(folder);
            checked[0]++;
        } catch (EngineException e) {
            problems.add(e.getMessage());
        }
        checkWeights(folder, problems, checked);
        if (config != null && problems.isEmpty()) checkShapes(folder, config, problems);
        checkManifest(folder, problems, checked, progress, cancel);
        checkTokenizer(folder, problems, checked);
        if (!ModelFiles.hasChatTemplate(folder)) {
            problems.add(folder + " has no chat template (chat_template.json, chat_template.jinja or chat_template "
                    + "in tokenizer_config.json): copy it from the model's repository");
        }
        if (config != null && config.hasVision() && !Files.isRegularFile(folder.resolve(ModelFiles.PREPROCESSOR))) {
            problems.add(folder.resolve(ModelFiles.PREPROCESSOR) + " is missing: the image processor's settings "
                    + "(mean, std, pixel limits) come from it; copy it from the model's repository");
        }
        return new Report(folder, problems, checked[0]);
    }

    private static void checkWeights(Path folder, List<String> problems, int[] checked) {
        Path index = folder.resolve(ModelFiles.WEIGHTS_INDEX);
        Map<String, SafetensorsFile> shards = new HashMap<>();
        List<String> names;
        try {
            names = ModelFiles.weightFiles(folder);
        } catch (IOException e) {
            problems.add(index + " cannot be read (" + e.getMessage() + "): download it again");
            return;
        }
        for (String name : names) {
            Path shard = folder.resolve(name);
            if (!Files.isRegularFile(shard)) {
                problems.add(shard + " is missing" + (Files.exists(index) ? " (listed in " + ModelFiles.WEIGHTS_INDEX
                        + ")" : "") + ": download the model again (framewise models pull resumes)");
                continue;
            }
            try {
                shards.put(name, SafetensorsFile.open(shard));
                checked[0]++;
            } catch (EngineException e) {
                problems.add(e.getMessage());
            }
        }
        if (Files.exists(index)) checkIndexAgainstShards(index, shards, names, problems);
    }

    /** How many shape problems are listed one by one (a wrong config.json gives one per layer). */
    private static final int SHAPE_PROBLEMS_SHOWN = 5;

    /**
     * The loader's own checks, from the safetensors headers only (no weight is read): every tensor the model family
     * expects is present with the shape config.json implies ({@link Weights#require}, as loading does), so a
     * vocabulary or head count that does not match the embeddings is found here and not after minutes of loading.
     */
    private static void checkShapes(Path folder, ModelConfig config, List<String> problems) {
        Weights weights;
        try {
            weights = Weights.open(folder);
        } catch (EngineException e) {
            problems.add(e.getMessage());
            return;
        }
        ModelFamily family = ModelFamilies.forModelType(config.modelType());
        List<TensorShape> expected = new ArrayList<>(family.languageTensors(config));
        expected.addAll(family.visionTensors(config));
        int wrong = 0;
        for (TensorShape t : expected) {
            try {
                weights.require(t.name(), t.shape());
            } catch (EngineException e) {
                if (++wrong <= SHAPE_PROBLEMS_SHOWN) problems.add(e.getMessage());
            }
        }
        if (wrong > SHAPE_PROBLEMS_SHOWN) {
            problems.add((wrong - SHAPE_PROBLEMS_SHOWN) + " more tensors do not match config.json: is config.json "
                    + "from the same model as the safetensors files?");
        }
    }

    /** Each tensor the index places in a shard is in it, and {@code metadata.total_size} matches the tensors. */
    private static void checkIndexAgainstShards(Path index, Map<String, SafetensorsFile> shards, List<String> names,
                                                List<String> problems) {
        JsonNode root;
        try {
            root = JSON.readTree(index.toFile());
        } catch (IOException e) {
            problems.add(index + " cannot be read (" + e.getMessage() + "): download it again");
            return;
        }
        int misplaced = 0;
        String example = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("weight_map").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            SafetensorsFile shard = shards.get(e.getValue().asText());
            if (shard != null && !shard.tensors().containsKey(e.getKey())) {
                misplaced++;
                if (example == null) example = "'" + e.getKey() + "' in " + e.getValue().asText();
            }
        }
        if (misplaced > 0) {
            problems.add(index + " places " + misplaced + " tensor(s) in shards that lack them (e.g. " + example
                    + "): the index and the shards come from different revisions; download the model again");
        }
        long declared = root.path("metadata").path("total_size").asLong(-1);
        if (declared > 0 && shards.size() == names.size()) {
            long actual = shards.values().stream().flatMap(s -> s.tensors().values().stream())
                    .mapToLong(t -> t.end() - t.begin()).sum();
            if (actual != declared) {
                problems.add(index + " declares metadata.total_size " + declared + " but the shards hold " + actual
                        + " tensor bytes: download the model again");
            }
        }
    }

    private void checkManifest(Path folder, List<String> problems, int[] checked, HashProgress progress,
                               CancellationToken cancel) {
        DownloadManifest manifest;
        try {
            manifest = DownloadManifest.read(folder).orElse(null);
        } catch (IOException e) {
            problems.add(folder.resolve(DownloadManifest.FILE_NAME) + " cannot be read (" + e.getMessage()
                    + "): delete it, or pull the model again");
            return;
        }
        if (manifest == null) return;
        long total = checkHashes ? manifest.files().stream().mapToLong(DownloadManifest.Entry::size).sum() : 0;
        long[] done = {0};
        if (checkHashes) progress.hashed(0, total);
        for (DownloadManifest.Entry entry : manifest.files()) {
            Path file = folder.resolve(entry.path());
            try {
                if (!Files.isRegularFile(file)) {
                    problems.add(file + " is missing (it was downloaded from " + manifest.repo() + "): run "
                            + "`framewise models pull " + manifest.repo() + "`");
                    continue;
                }
                long size = Files.size(file);
                if (size != entry.size()) {
                    problems.add(file + " is " + size + " bytes but " + entry.size() + " were downloaded: "
                            + "remove the model and pull it again");
                    continue;
                }
                if (checkHashes) {
                    HubHash hash = HubHash.forFile(entry.asHubFile());
                    try {
                        hash.updateFrom(file, size, n -> progress.hashed(done[0] += n, total), cancel);
                    } catch (CancellationException e) {
                        throw new DownloadException(DownloadException.Reason.CANCELLED, "the check of " + folder
                                + " was cancelled after " + Bytes.human(done[0]) + " of " + Bytes.human(total)
                                + " hashed: run `framewise models verify " + manifest.repo() + "` to check it");
                    }
                    String actual = hash.finish();
                    if (!actual.equals(hash.expected())) {
                        problems.add(file + " has " + hash.algorithm() + " " + actual + " but the Hub published "
                                + hash.expected() + ": the file changed on disk; remove the model and pull it again");
                    }
                }
                checked[0]++;
            } catch (IOException e) {
                problems.add(file + " cannot be read: " + e.getMessage());
            }
        }
    }

    private static void checkTokenizer(Path folder, List<String> problems, int[] checked) {
        Path file = folder.resolve(ModelFiles.TOKENIZER);
        if (!Files.isRegularFile(file)) {
            problems.add(file + " is missing: copy tokenizer.json from the model's repository");
            return;
        }
        try {
            JsonNode model = JSON.readTree(file.toFile()).path("model");
            if (!model.isObject() || !model.has("type")) {
                problems.add(file + " has no \"model\" section with a type: it is not a Hugging Face tokenizers "
                        + "file; download it again");
                return;
            }
        } catch (IOException e) {
            problems.add(file + " is not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + "): download it again");
            return;
        }
        try (QwenTokenizer tokenizer = QwenTokenizer.load(folder)) {
            if (tokenizer.vocabularySize() <= 0) problems.add(file + " has an empty vocabulary: download it again");
            checked[0]++;
        } catch (EngineException e) {
            problems.add(e.getMessage());
        }
    }
}
