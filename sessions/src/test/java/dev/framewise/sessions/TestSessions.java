package dev.framewise.sessions;

import dev.framewise.sessions.model.Curation;
import dev.framewise.sessions.model.FollowUp;
import dev.framewise.sessions.model.FrameSampling;
import dev.framewise.sessions.model.Lab;
import dev.framewise.sessions.model.LabAxis;
import dev.framewise.sessions.model.LabCell;
import dev.framewise.sessions.model.LabDimension;
import dev.framewise.sessions.model.LabVariant;
import dev.framewise.sessions.model.MediaItem;
import dev.framewise.sessions.model.MediaKind;
import dev.framewise.sessions.model.MediaProbe;
import dev.framewise.sessions.model.ModelInfo;
import dev.framewise.sessions.model.Outcome;
import dev.framewise.sessions.model.Rating;
import dev.framewise.sessions.model.Run;
import dev.framewise.sessions.model.RunEstimate;
import dev.framewise.sessions.model.RunParams;
import dev.framewise.sessions.model.RunPrompt;
import dev.framewise.sessions.model.RunStatus;
import dev.framewise.sessions.model.RunTimings;
import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.model.TokenRecord;
import dev.framewise.sessions.model.UiState;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Session documents for tests, with every field set to a non-default value. */
public final class TestSessions {
    public static final Instant CREATED = Instant.parse("2026-03-04T05:06:07.123456789Z");
    public static final String VIDEO_SHA = "a1".repeat(32);
    public static final String IMAGE_SHA = "b2".repeat(32);

    private TestSessions() {
    }

    public static MediaItem video() {
        return new MediaItem("media-video", "/clips/kitchen & \"sink\".mp4", 1_234_567L, VIDEO_SHA,
                new MediaProbe(MediaKind.VIDEO, 10.5, 29.97, 1920, 1080, 315));
    }

    public static MediaItem image() {
        return new MediaItem("media-image", "/stills/cup.png", 4096L, IMAGE_SHA,
                new MediaProbe(MediaKind.IMAGE, 0, 0, 640, 480, 1));
    }

    /** A run with every field set (a sampled video run with tokens, evidence, timings and curation). */
    public static Run fullRun(String id, String question, String answer) {
        List<TokenRecord> tokens = List.of(
                new TokenRecord(151644, "<think>", -0.015625f, List.of(new TokenRecord.Alternative(151644, -0.015625f),
                        new TokenRecord.Alternative(785, -4.25f))),
                new TokenRecord(785, "The", -0.37f, List.of(new TokenRecord.Alternative(785, -0.37f),
                        new TokenRecord.Alternative(32, -1.6f))));
        return new Run(id, CREATED.plusSeconds(30),
                new RunPrompt(question, "You are a careful robot assistant.", "cosmos-reason",
                        "{question}\nAnswer in <think></think><answer></answer>.", true),
                List.of("media-video", "media-image"),
                new RunParams(2048, 0.6, 0.95, 40, 1.05, 1234567890123L, List.of("</answer>", "STOP"), true, 5, true),
                new FrameSampling("media-video", 2.0, null, 3136, 12845056, 90_316_800, 1.5, 9.5, 448, 252,
                        List.of(new FrameSampling.SampledFrame(45, 1.5015), new FrameSampling.SampledFrame(90, 3.003))),
                new ModelInfo("Cosmos-Reason1-7B", "/models/cosmos", "sha256:" + "cd".repeat(32)),
                "embedded DJL on CPU (fp32)",
                new Outcome("1. The cup is upright.\n2. The gripper is open.", answer,
                        "<think>1. The cup is upright.\n2. The gripper is open.</think><answer>" + answer + "</answer>",
                        "eos", tokens, List.of(0.25, 0.75),
                        new RunTimings(1500.5, 40.25, 310.0, 95.5, 420.0, 20000.0, 2100, 2, 2000, 120.5,
                                new RunEstimate(8, 2016, 2100, 18L << 30, 0.9, 0.2, 0.4, 0.25, 0.05, 3))),
                RunStatus.COMPLETE, null, new Curation("checked against the clip", List.of("grasp", "safety"), Rating.UP),
                FollowUp.of("run-0", "What is on the table?", "<answer>\nA cup and a spoon.\n</answer>"));
    }

    public static Session full() {
        return new Session("session-1", "Kitchen <clips> & co", CREATED, CREATED.plusSeconds(3600),
                List.of(video(), image()),
                List.of(fullRun("run-1", "Is it safe for the robot to grasp the cup now?", "Yes, the cup is upright."),
                        fullRun("run-2", "Which object moved first?", "The spoon moved first.")),
                List.of(lab()),
                new UiState("run-2", "media-video", 3.25));
    }

    /** A 2 × 2 prompt lab (two phrasings × two seeds) on the video whose first row ran as run-1 and run-2. */
    public static Lab lab() {
        LabVariant base = new LabVariant("Is it safe to grasp the cup?", "You are a careful robot assistant.", true, 0.6,
                0.95, 512, 7L, 2.0, 200_704, 1.5, 9.5, "http://gpu:8000/v1 nvidia/Cosmos-Reason1-7B", true, false,
                "What happens next?");
        return new Lab("lab-1", "Grasp phrasing", CREATED.plusSeconds(10), List.of("media-video"), base,
                new LabAxis(LabDimension.QUESTION, List.of("Is it safe to grasp the cup?", "Can the robot grasp the cup now?")),
                new LabAxis(LabDimension.SEED, List.of("1", "2")),
                List.of(new LabCell("media-video", 0, 0, "run-1"), new LabCell("media-video", 0, 1, "run-2")));
    }

    /** Fails when a record in the tree has a null component or an empty list, so a fixture really covers every field. */
    public static void assertEveryFieldSet(Object value, String path) {
        assertThat(value).as(path).isNotNull();
        if (value instanceof Collection<?> c) {
            assertThat(c).as(path).isNotEmpty();
            int i = 0;
            for (Object element : c) assertEveryFieldSet(element, path + "[" + i++ + "]");
        } else if (value.getClass().isRecord()) {
            for (RecordComponent rc : value.getClass().getRecordComponents()) {
                // Exclusive by design: an error only on failed runs; fps or nframes, never both.
                if (value instanceof Run && rc.getName().equals("error")) continue;
                if (value instanceof FrameSampling && rc.getName().equals("nframes")) continue;
                try {
                    assertEveryFieldSet(rc.getAccessor().invoke(value), path + "." + rc.getName());
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }
}
