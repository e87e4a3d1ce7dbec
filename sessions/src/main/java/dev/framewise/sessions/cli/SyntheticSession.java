package dev.framewise.sessions.cli;

import dev.framewise.sessions.model.Curation;
import dev.framewise.sessions.model.FrameSampling;
import dev.framewise.sessions.model.MediaItem;
import dev.framewise.sessions.model.MediaKind;
import dev.framewise.sessions.model.MediaProbe;
import dev.framewise.sessions.model.ModelInfo;
import dev.framewise.sessions.model.Outcome;
import dev.framewise.sessions.model.Rating;
import dev.framewise.sessions.model.Run;
import dev.framewise.sessions.model.RunParams;
import dev.framewise.sessions.model.RunPrompt;
import dev.framewise.sessions.model.RunStatus;
import dev.framewise.sessions.model.RunTimings;
import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.model.TokenRecord;
import dev.framewise.sessions.model.UiState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A realistic session of a given size for the benchmark: video media, runs with reasoning and answer text,
 * 8 sampled frames, and per-token log-probabilities with alternatives, drawn from a seeded random source.
 */
final class SyntheticSession {
    private static final String[] WORDS = {"the", "robot", "arm", "cup", "moves", "left", "towards", "table",
            "gripper", "is", "open", "frame", "at", "seconds", "so", "it", "safe", "to", "grasp", "now", "because"};

    private SyntheticSession() {
    }

    static Session of(int runs, int tokensPerRun, int alternatives, long seed) {
        Random random = new Random(seed);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        MediaItem video = new MediaItem("media-1", "/data/clips/kitchen.mp4", 48_000_000L, "0".repeat(63) + "1",
                new MediaProbe(MediaKind.VIDEO, 12.5, 30, 1280, 720, 375));
        List<Run> list = new ArrayList<>(runs);
        for (int r = 0; r < runs; r++) {
            List<TokenRecord> tokens = new ArrayList<>(tokensPerRun);
            StringBuilder text = new StringBuilder("<think>\n");
            for (int t = 0; t < tokensPerRun; t++) {
                String word = WORDS[random.nextInt(WORDS.length)] + " ";
                text.append(word);
                List<TokenRecord.Alternative> top = new ArrayList<>(alternatives);
                for (int a = 0; a < alternatives; a++) {
                    top.add(new TokenRecord.Alternative(random.nextInt(151_000), (float) (-random.nextDouble() * 8)));
                }
                tokens.add(new TokenRecord(random.nextInt(151_000), word, (float) (-random.nextDouble() * 2), top));
            }
            String reasoning = text.substring("<think>\n".length()).strip();
            text.append("\n</think>\n<answer>\nYes, it is safe.\n</answer>");
            List<FrameSampling.SampledFrame> frames = new ArrayList<>();
            for (int f = 0; f < 8; f++) frames.add(new FrameSampling.SampledFrame(f * 53L, f * 53 / 30.0));
            list.add(new Run("run-" + r, start.plusSeconds(60L * r),
                    new RunPrompt("Is it safe for the robot to grasp the cup now? (" + r + ")", null, "cosmos-reason",
                            "{question}", true),
                    List.of(video.id()), new RunParams(4096, 0.6, 0.95, 0, 1.05, random.nextLong(), List.of(), false,
                    alternatives, false),
                    new FrameSampling(video.id(), 4.0, null, null, null, null, null, null, 448, 252, frames),
                    new ModelInfo("Cosmos-Reason1-7B", "/models/Cosmos-Reason1-7B", "sha256:" + "ab".repeat(32)),
                    "embedded", new Outcome(reasoning, "Yes, it is safe.", text.toString(), "eos", tokens, List.of(),
                    new RunTimings(1200, 40, 310, 95, 420, 20_000, 2100, tokensPerRun, 0)),
                    RunStatus.COMPLETE, null, new Curation("", List.of("bench"), Rating.NONE)));
        }
        return new Session("bench-session", "Benchmark session", start, start.plusSeconds(60L * runs), List.of(video),
                list, new UiState(runs > 0 ? "run-0" : null, video.id(), 3.5));
    }
}
