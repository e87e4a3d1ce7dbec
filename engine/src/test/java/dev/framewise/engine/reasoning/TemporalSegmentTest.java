package dev.framewise.engine.reasoning;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TemporalSegmentTest {

    @Test
    void cosmosReason2sTemporalLocalisationSampleAnswer() {
        // assets/outputs/temporal_localization.log of nvidia-cosmos/cosmos-reason2, verbatim
        String answer = "```json\n[\n  {\n    \"start\": \"00:00.100\",\n    \"end\": \"00:02.100\",\n    \"caption\": "
                + "\"The camera is positioned at the front of a vehicle, showing a clear view through the windshield "
                + "and dashboard into a suburban street lined with houses and parked cars.\"\n  }\n]\n```";
        List<TemporalSegment> found = TemporalSegment.find(answer);
        assertThat(found).hasSize(1);
        TemporalSegment s = found.get(0);
        assertThat(s.startSeconds()).isEqualTo(0.1);
        assertThat(s.endSeconds()).isEqualTo(2.1);
        assertThat(s.caption()).startsWith("The camera is positioned");
        assertThat(answer.substring(s.start(), s.end())).startsWith("{\n    \"start\"").endsWith("}");
    }

    @Test
    void clockNumberAndSuffixedTimes() {
        String answer = "[{\"start\": \"1:02:03.5\", \"end\": \"1:02:05\", \"event\": \"door opens\"},"
                + " {\"start\": 4, \"end\": 6.25, \"caption\": \"a car passes\"},"
                + " {\"start\": \"12.5s\", \"end\": \"14 seconds\"},"
                + " {\"start\": \"00:09.00\", \"end\": \"00:03.00\", \"caption\": \"backwards\"},"
                + " {\"start\": \"soon\", \"end\": \"later\"}]";
        List<TemporalSegment> found = TemporalSegment.find(answer);
        assertThat(found).extracting(TemporalSegment::startSeconds).containsExactly(3723.5, 4.0, 12.5);
        assertThat(found).extracting(TemporalSegment::endSeconds).containsExactly(3725.0, 6.25, 14.0);
        assertThat(found).extracting(TemporalSegment::caption).containsExactly("door opens", "a car passes", null);
    }
}
