package dev.framewise.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class VisionProfileTest {

    /** Two traces side by side: each operator's self time (a caller less its callees), calls and share, then the split. */
    @Test
    void printsTheOperatorsOfAnImageAndAVideoSideBySide(@TempDir Path dir) throws IOException {
        // image: linear 10 ms calling addmm 8 ms, mul 2 ms; video: linear 40 ms calling addmm 30 ms, mul 30 ms twice
        Path image = trace(dir.resolve("image.json"), event("aten::linear", 0, 10_000) + ","
                + event("aten::addmm", 1_000, 8_000) + "," + event("aten::mul", 20_000, 2_000));
        Path video = trace(dir.resolve("video.json"), event("aten::linear", 0, 40_000) + ","
                + event("aten::addmm", 5_000, 30_000) + "," + event("aten::mul", 50_000, 15_000) + ","
                + event("aten::mul", 70_000, 15_000));
        VisionProfile profiles = new VisionProfile();
        profiles.add("image", image, 12.5, 12.0);
        profiles.add("video", video, 71.0, 70.0);
        StringWriter text = new StringWriter();
        profiles.print(new PrintWriter(text, true));

        String out = text.toString();
        assertThat(out).contains("profile image  one encode under the profiler: 12.5 ms (12.0 ms without); operators' "
                + "self time 12.0 ms");
        assertThat(out).contains("profile video  one encode under the profiler: 71.0 ms (70.0 ms without); operators' "
                + "self time 70.0 ms");
        assertThat(out).containsPattern("aten::addmm +8\\.0 +1 +66\\.7 % +30\\.0 +1 +42\\.9 %");
        assertThat(out).containsPattern("aten::mul +2\\.0 +1 +16\\.7 % +30\\.0 +2 +42\\.9 %");
        assertThat(out).contains("split image  matrix products 83.3 %, attention 0.0 %");
        assertThat(out).contains("split video  matrix products 57.1 %, attention 0.0 %");
    }

    private static String event(String name, long startUs, long durationUs) {
        return "{\"ph\":\"X\",\"name\":\"" + name + "\",\"tid\":1,\"ts\":" + startUs + ",\"dur\":" + durationUs + "}";
    }

    private static Path trace(Path file, String events) throws IOException {
        return Files.writeString(file, "{\"traceEvents\":[" + events + "]}");
    }
}
