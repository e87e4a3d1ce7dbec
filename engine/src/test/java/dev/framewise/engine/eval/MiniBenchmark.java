package dev.framewise.engine.eval;

import dev.framewise.engine.media.TestClips;
import org.bytedeco.ffmpeg.global.avcodec;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A benchmark folder in the nvidia/Cosmos-Reason1-Benchmark layout, made in the test: three data sets with tiny
 * generated clips. {@code av} gives each clip's qa_pairs as one object, {@code robovqa} as a list of two,
 * {@code holoassist} as a list with the {@code correct_answer} key, a clip that is not a video, a clip without
 * questions and questions without a clip.
 */
public final class MiniBenchmark {
    private MiniBenchmark() {
    }

    static void clip(Path clips, String name, int frames) throws Exception {
        Files.createDirectories(clips);
        TestClips.write(clips.resolve(name), TestClips.Spec.cfr("mp4", avcodec.AV_CODEC_ID_MPEG4, frames, 4));
    }

    public static Path write(Path root) throws Exception {
        Path av = root.resolve("av");
        clip(av.resolve("clips"), "a1.mp4", 4);
        clip(av.resolve("clips"), "a2.mp4", 5);
        clip(av.resolve("clips"), "a3.mp4", 6);
        Files.writeString(av.resolve("av_benchmark_qa_pairs.json"), """
                [
                  {"video": "clips/a1.mp4", "qa_pairs": {"question": "av-1 Is the road clear?",
                    "index2ans": {"A": "Yes", "B": "No"}, "answer": "A"}},
                  {"video": "clips/a2.mp4", "qa_pairs": {"question": "av-2 What should the car do next?",
                    "index2ans": {"A": "Stop", "B": "Turn left", "C": "Go straight"}, "answer": "B"}},
                  {"video": "clips/a3.mp4", "qa_pairs": {"question": "av-3 Is it raining?",
                    "index2ans": {"A": "Yes", "B": "No"}, "answer": "B"}}
                ]
                """);
        Path robo = root.resolve("robovqa");
        clip(robo.resolve("clips"), "r1.mp4", 4);
        clip(robo.resolve("clips"), "r2.mp4", 5);
        Files.writeString(robo.resolve("robovqa_benchmark_qa_pairs.json"), """
                [
                  {"video": "clips/r1.mp4", "qa_pairs": [
                    {"question": "robo-1 Did the robot pick up the cup?", "index2ans": {"A": "yes", "B": "no"}, "answer": "A"},
                    {"question": "robo-2 What is the next step?", "index2ans": {"A": "open", "B": "close"}, "answer": "B"}]},
                  {"video": "clips/r2.mp4", "qa_pairs": [
                    {"question": "robo-3 Is the task done?", "index2ans": {"A": "yes", "B": "no"}, "answer": "A"},
                    {"question": "robo-4 Which hand moved?", "index2ans": {"A": "left", "B": "right", "C": "both", "D": "none"},
                     "answer": "D"}]}
                ]
                """);
        Path holo = root.resolve("holoassist");
        clip(holo.resolve("clips"), "h1.mp4", 4);
        clip(holo.resolve("clips"), "h3.mp4", 4);
        Files.writeString(holo.resolve("clips").resolve("h2.mp4"), "corrupt: not a video");
        Files.writeString(holo.resolve("clips").resolve("notes.txt"), "not a clip");
        Files.writeString(holo.resolve("holoassist_benchmark_qa_pairs.json"), """
                [
                  {"video": "clips/h1.mp4", "qa_pairs": [
                    {"question": "holo-1 Is the user done?", "index2ans": {"A": "yes", "B": "no"}, "correct_answer": "B"}]},
                  {"video": "clips/h2.mp4", "qa_pairs": [
                    {"question": "holo-2 What tool is used?", "index2ans": {"A": "a knife", "B": "a spoon"}, "correct_answer": "A"}]},
                  {"video": "clips/h9.mp4", "qa_pairs": [
                    {"question": "holo-9 missing clip", "index2ans": {"A": "x", "B": "y"}, "correct_answer": "A"}]},
                  {"video": "elsewhere/h1.mp4", "qa_pairs": {"question": "ignored: not under clips/", "answer": "A"}}
                ]
                """);
        return root;
    }
}
