package dev.framewise.engine.vision;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RopeIndexTest {
    /** The fixture's config.json: image 2012, video 2013, vision start 2009, merge 2, tokens_per_second 2. */
    private final RopeIndex ropeIndex = new RopeIndex(2012, 2013, 2009, 2, 2);

    static List<String> caseIds() {
        return TinyFixture.ids();
    }

    @ParameterizedTest
    @MethodSource("caseIds")
    void positionIdsAndRopeDeltasMatchGolden(String id) {
        JsonNode testCase = TinyFixture.testCase(id);
        float[] secondPerGridTs = new float[testCase.path("second_per_grid_ts").size()];
        for (int i = 0; i < secondPerGridTs.length; i++) {
            secondPerGridTs[i] = (float) testCase.get("second_per_grid_ts").get(i).asDouble();
        }

        MropePositions positions = ropeIndex.compute(TinyFixture.ints(testCase.get("input_ids")),
                TinyFixture.grids(testCase.get("image_grid_thw")), TinyFixture.grids(testCase.get("video_grid_thw")),
                secondPerGridTs);

        for (int axis = 0; axis < 3; axis++) {
            assertThat(positions.ids()[axis]).as("axis %d", axis)
                    .isEqualTo(TinyFixture.ints(testCase.get("position_ids").get(axis)));
        }
        assertThat(positions.ropeDelta()).isEqualTo(testCase.get("rope_deltas").asInt());
    }

    @Test
    void videoTimeIsTruncatedInFloat32() {
        // 2 / 1.5 s as a float32 is 1.3333334: times 2 tokens/s gives 2.6666667 -> 2 and 5.333334 -> 5
        float secondPerGridT = (float) (2 / 1.5);
        assertThat(ropeIndex.temporalIndex(1, secondPerGridT)).isEqualTo(2);
        assertThat(ropeIndex.temporalIndex(2, secondPerGridT)).isEqualTo(5);
    }
}
