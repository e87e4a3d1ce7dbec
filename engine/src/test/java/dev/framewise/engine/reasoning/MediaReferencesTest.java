package dev.framewise.engine.reasoning;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MediaReferencesTest {
    /** Six frames of a 4 s clip at 6 fps sampled at 1.5 fps (the fixture's d_video case). */
    private static final MediaTimeline CLIP = new MediaTimeline(4.0,
            new double[] {0.0, 0.6667, 1.3333, 2.1667, 2.8333, 3.8333}, new long[] {0, 4, 8, 13, 17, 23});

    private static MediaReference only(String text) {
        List<MediaReference> refs = MediaReferences.find(text, CLIP);
        assertThat(refs).as(text).hasSize(1);
        MediaReference r = refs.get(0);
        assertThat(text.substring(r.start(), r.end())).isEqualTo(r.text());
        return r;
    }

    @Test
    void singleMoments() {
        MediaReference at = only("The cup tips over at 3.5 s, then falls.");
        assertThat(at.kind()).isEqualTo(MediaReference.Kind.TIME);
        assertThat(at.text()).isEqualTo("3.5 s");
        assertThat(at.startSeconds()).isEqualTo(3.5);
        assertThat(at.firstFrame()).isEqualTo(5);
        assertThat(only("after 2 seconds").startSeconds()).isEqualTo(2.0);
        assertThat(only("see 1.50s").firstFrame()).isEqualTo(2);
        MediaReference clock = only("At 00:12 the robot stops.");
        assertThat(clock.text()).isEqualTo("00:12");
        assertThat(clock.startSeconds()).isEqualTo(12.0);
        assertThat(clock.firstFrame()).as("past the end of a 4 s clip").isEqualTo(-1);
        assertThat(only("at 1:02.5").startSeconds()).isEqualTo(62.5);
        assertThat(only("at 1:00:03").startSeconds()).isEqualTo(3603.0);
    }

    @Test
    void ranges() {
        MediaReference between = only("The ball moves between 2 and 4 seconds.");
        assertThat(between.kind()).isEqualTo(MediaReference.Kind.TIME_RANGE);
        assertThat(between.text()).isEqualTo("between 2 and 4 seconds");
        assertThat(between.startSeconds()).isEqualTo(2.0);
        assertThat(between.endSeconds()).isEqualTo(4.0);
        assertThat(between.firstFrame()).isEqualTo(3);
        assertThat(between.lastFrame()).isEqualTo(5);
        assertThat(only("from 0:01 to 0:02.5").endSeconds()).isEqualTo(2.5);
        MediaReference cosmos = only("1.50s 3.00s The gripper closes.");
        assertThat(cosmos.kind()).isEqualTo(MediaReference.Kind.TIME_RANGE);
        assertThat(cosmos.text()).isEqualTo("1.50s 3.00s");
        assertThat(only("during 1-2 s").text()).isEqualTo("1-2 s");
    }

    @Test
    void frames() {
        MediaReference seven = only("In frame 3 the cup is upright.");
        assertThat(seven.kind()).isEqualTo(MediaReference.Kind.FRAME);
        assertThat(seven.firstFrame()).isEqualTo(2);
        assertThat(seven.startSeconds()).isEqualTo(1.3333);
        assertThat(only("frame 7 is missing").firstFrame()).as("only six frames were shown").isEqualTo(-1);
        assertThat(only("frame 7 is missing").startSeconds()).isNull();
        assertThat(only("Compare the first frame.").firstFrame()).isEqualTo(0);
        assertThat(only("In the last frame it fell.").firstFrame()).isEqualTo(5);
        assertThat(only("the second-to-last frame").firstFrame()).isEqualTo(4);
        assertThat(only("the second frame").firstFrame()).isEqualTo(1);
        assertThat(only("the 4th frame").firstFrame()).isEqualTo(3);
        MediaReference range = only("frames 2 to 4 show the fall");
        assertThat(range.kind()).isEqualTo(MediaReference.Kind.FRAME_RANGE);
        assertThat(range.firstFrame()).isEqualTo(1);
        assertThat(range.lastFrame()).isEqualTo(3);
    }

    @Test
    void severalReferencesInOrderAndNoFalsePositives() {
        String text = "At 0:01 the arm moves; by frame 5 (2.8 s) it holds the cup. 3 objects, 16:9 video, "
                + "on 2025-01-31, from 2 to 4 boxes, version 1.5.";
        List<MediaReference> refs = MediaReferences.find(text, CLIP);
        assertThat(refs).extracting(MediaReference::text).containsExactly("0:01", "frame 5", "2.8 s");
        assertThat(refs).extracting(MediaReference::firstFrame).containsExactly(2, 4, 4);
    }

    @Test
    void withoutFramesTimesStillParse() {
        List<MediaReference> refs = MediaReferences.find("at 3 s and the last frame", MediaTimeline.none());
        assertThat(refs).extracting(MediaReference::startSeconds).containsExactly(3.0, null);
        assertThat(refs).extracting(MediaReference::firstFrame).containsExactly(-1, -1);
    }
}
