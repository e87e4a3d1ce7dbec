package dev.framewise.sessions.export;

import dev.framewise.sessions.model.FrameSampling;
import dev.framewise.sessions.model.MediaItem;
import dev.framewise.sessions.model.MediaProbe;
import dev.framewise.sessions.model.Run;
import dev.framewise.sessions.model.RunParams;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The same labelled facts about a run and its media for every human-readable export. */
final class RunFacts {
    private RunFacts() {
    }

    /** Generation parameters under their CLI names, in CLI order. */
    static Map<String, String> parameters(Run run) {
        RunParams p = run.params();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("max_tokens", Integer.toString(p.maxTokens()));
        out.put("temperature", number(p.temperature()));
        out.put("top_p", number(p.topP()));
        out.put("top_k", Integer.toString(p.topK()));
        out.put("repetition_penalty", number(p.repetitionPenalty()));
        if (p.presencePenalty() != 0) out.put("presence_penalty", number(p.presencePenalty()));
        if (p.frequencyPenalty() != 0) out.put("frequency_penalty", number(p.frequencyPenalty()));
        out.put("seed", p.seed() == null ? "not recorded" : p.seed().toString());
        if (!p.stop().isEmpty()) out.put("stop", String.join(", ", p.stop()));
        if (p.ignoreEos()) out.put("ignore_eos", "true");
        out.put("model", run.model().name() + (run.model().location() == null ? "" : " (" + run.model().location() + ")"));
        if (run.model().fingerprint() != null) out.put("model_fingerprint", run.model().fingerprint());
        if (!run.backend().isEmpty()) out.put("backend", run.backend());
        out.put("reasoning_format", Boolean.toString(run.prompt().reasoningFormat()));
        if (run.prompt().templateName() != null) out.put("template", run.prompt().templateName());
        if (run.sampling() != null) out.put("frames", frames(run.sampling()));
        return out;
    }

    static String frames(FrameSampling s) {
        String times = s.frames().stream().map(f -> String.format(Locale.ROOT, "%.2f s", f.timestampSeconds()))
                .collect(Collectors.joining(", "));
        return s.frames().size() + " frames" + (times.isEmpty() ? "" : " at " + times);
    }

    static String status(Run run) {
        String status = run.status().name().toLowerCase(Locale.ROOT);
        return run.error() == null ? status : status + ": " + run.error();
    }

    static String describe(MediaItem m) {
        MediaProbe p = m.probe();
        String summary = p == null ? "not probed" : switch (p.kind()) {
            case VIDEO -> String.format(Locale.ROOT, "video, %.2f s, %.2f fps, %d\u00d7%d", p.durationSeconds(), p.fps(),
                    p.width(), p.height());
            case IMAGE -> String.format(Locale.ROOT, "image, %d\u00d7%d", p.width(), p.height());
        };
        return summary + ", " + m.sizeBytes() + " bytes, sha256 " + m.sha256();
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
