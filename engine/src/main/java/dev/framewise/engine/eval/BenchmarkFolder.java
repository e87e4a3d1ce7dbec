package dev.framewise.engine.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.api.EngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a folder in the layout of the {@code nvidia/Cosmos-Reason1-Benchmark} data set, as cosmos-reason1
 * examples/benchmark tools/eval/evaluate.py {@code make_all_tasks} does: per data set {@code <name>/clips/<id>.mp4}
 * (or .avi, .mov) and {@code <name>/<name>_benchmark_qa_pairs.json}, a list of {@code {video: "clips/<id>.mp4",
 * qa_pairs: {...} or [{...}, ...]}}. Clips are taken in sorted file-name order; a clip without questions is
 * skipped with a warning, as upstream does. The folder may also be the download's parent, holding
 * {@code benchmark/} (evaluate.py appends that itself).
 */
public final class BenchmarkFolder {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String QA_SUFFIX = "_benchmark_qa_pairs.json";

    /** The tasks found and what was skipped on the way (one line each). */
    public record Contents(List<String> datasets, List<EvalTask> tasks, List<String> warnings) {
    }

    private BenchmarkFolder() {
    }

    /** @param datasets the data sets to read, or empty for every one the folder holds (sorted by name) */
    public static Contents read(Path dir, List<String> datasets) {
        Path root = dir;
        if (!Files.isDirectory(root)) throw new EngineException(dir + " is not a folder; give the benchmark's folder");
        if (available(root).isEmpty() && Files.isDirectory(root.resolve("benchmark"))) root = root.resolve("benchmark");
        List<String> found = available(root);
        if (found.isEmpty()) {
            throw new EngineException(dir + " holds no data set (a folder NAME with NAME" + QA_SUFFIX
                    + " and clips/); download nvidia/Cosmos-Reason1-Benchmark and unpack its clips");
        }
        List<String> chosen = datasets.isEmpty() ? found : datasets;
        for (String name : chosen) {
            if (!found.contains(name)) {
                throw new EngineException("no data set '" + name + "' in " + root + " (it holds " + String.join(", ", found) + ")");
            }
        }
        List<EvalTask> tasks = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String name : chosen) tasks.addAll(readDataset(root, name, warnings));
        return new Contents(List.copyOf(chosen), tasks, warnings);
    }

    private static List<String> available(Path root) {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory)
                    .filter(d -> Files.isRegularFile(d.resolve(d.getFileName() + QA_SUFFIX)))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new EngineException("Cannot list " + root + " (" + e.getMessage() + ")", e);
        }
    }

    private static List<EvalTask> readDataset(Path root, String name, List<String> warnings) {
        Path clips = root.resolve(name).resolve("clips");
        if (!Files.isDirectory(clips)) {
            warnings.add(name + ": no clips folder (" + clips + "); unpack the data set's clips there");
            return List.of();
        }
        Map<String, List<JsonNode>> qaByVideo = qaPairs(root.resolve(name).resolve(name + QA_SUFFIX));
        List<Path> videos;
        try (Stream<Path> files = Files.list(clips)) {
            videos = files.filter(Files::isRegularFile).sorted((a, b) -> a.getFileName().toString()
                    .compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new EngineException("Cannot list " + clips + " (" + e.getMessage() + ")", e);
        }
        List<EvalTask> tasks = new ArrayList<>();
        for (Path video : videos) {
            String file = video.getFileName().toString();
            if (!(file.endsWith(".mp4") || file.endsWith(".avi") || file.endsWith(".mov"))) continue;
            String videoId = file.substring(0, file.lastIndexOf('.'));
            List<JsonNode> qas = qaByVideo.get(videoId);
            if (qas == null) {
                warnings.add(name + ": no questions for clip " + file);
                continue;
            }
            for (int i = 0; i < qas.size(); i++) tasks.add(task(name, videoId, i, qas.get(i), video));
        }
        return tasks;
    }

    /** evaluate.py: entries whose video is "clips/<id>.<ext>", their qa_pairs as a list (a single dict becomes one). */
    private static Map<String, List<JsonNode>> qaPairs(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new EngineException(file.getFileName() + " is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (!root.isArray()) throw new EngineException(file.getFileName() + " must be a JSON list of {video, qa_pairs} entries");
        Map<String, List<JsonNode>> byVideo = new HashMap<>();
        for (JsonNode item : root) {
            String video = item.path("video").asText("");
            if (!video.startsWith("clips/") || !video.contains(".")) continue;
            String last = video.substring(video.lastIndexOf('/') + 1);
            String videoId = last.contains(".") ? last.substring(0, last.lastIndexOf('.')) : last;
            JsonNode qa = item.get("qa_pairs");
            if (qa != null && qa.isArray()) {
                List<JsonNode> list = new ArrayList<>();
                qa.forEach(list::add);
                byVideo.put(videoId, list);
            } else if (qa != null && qa.isObject()) {
                byVideo.put(videoId, List.of(qa));
            }
        }
        return byVideo;
    }

    private static EvalTask task(String dataset, String videoId, int index, JsonNode qa, Path video) {
        Map<String, String> options = new LinkedHashMap<>();
        qa.path("index2ans").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
        JsonNode answer = qa.hasNonNull("answer") ? qa.get("answer") : qa.get("correct_answer");
        return new EvalTask(dataset, videoId, index, qa.path("question").asText(""), options,
                answer == null ? "" : answer.asText(), video);
    }
}
