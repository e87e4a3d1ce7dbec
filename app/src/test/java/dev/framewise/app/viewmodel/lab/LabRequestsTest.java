package dev.framewise.app.viewmodel.lab;

import dev.framewise.app.viewmodel.PromptPreset;
import dev.framewise.app.viewmodel.RunSpec;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.sessions.model.LabDimension;
import dev.framewise.sessions.model.LabVariant;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A cell's variant as the request it sends: the timestamp overlay, template and frame-evidence axes. */
class LabRequestsTest {
    private static final Path CLIP = Path.of("/clips/ball.mp4");
    private static final LabTemplates TEMPLATES = new LabTemplates(List.of(
            new PromptPreset("what-next", "What happens next?", "What is most likely to happen next in this video?"),
            new PromptPreset("relative-position", "Where is X relative to Y?", "Where is the {X} relative to the {Y}?")));
    private static final LabVariant BASE = LabVariant.of("What will the ball hit next?");
    private static final PromptConvention R1 = PromptConvention.COSMOS_REASON1;

    private static ContentPart.Video video(LabVariant v) {
        GenerationRequest request = LabRequests.request(LabRequests.spec(v, CLIP, true, R1, TEMPLATES), R1, v);
        return request.messages().stream().flatMap(m -> m.content().stream()).filter(p -> p instanceof ContentPart.Video)
                .map(p -> (ContentPart.Video) p).findFirst().orElseThrow();
    }

    @Test
    void theTimestampOverlayAxisSetsItForTheVideoAndOtherwiseLeavesItToTheModel() {
        assertThat(video(LabDimension.TIMESTAMP_OVERLAY.apply(BASE, "on")).timestampOverlay()).isTrue();
        assertThat(video(LabDimension.TIMESTAMP_OVERLAY.apply(BASE, "off")).timestampOverlay()).isFalse();
        ContentPart.Video unset = video(BASE);
        assertThat(unset.timestampOverlay()).isNull();
        // Everything else is the request the Ask box builds from the same spec.
        assertThat(video(LabDimension.TIMESTAMP_OVERLAY.apply(BASE, "on")).withTimestampOverlay(null)).isEqualTo(unset);
        assertThat(unset.fps()).isEqualTo(4.0);
    }

    @Test
    void aTemplateValueAsksTheTemplatesTextAndRecordsItsTitle() {
        RunSpec spec = LabRequests.spec(LabDimension.TEMPLATE.apply(BASE, "what-next"), CLIP, true, R1, TEMPLATES);

        assertThat(spec.question()).isEqualTo("What is most likely to happen next in this video?");
        assertThat(spec.templateName()).isEqualTo("What happens next?");
        assertThat(LabRequests.spec(BASE, CLIP, true, R1, TEMPLATES).question()).isEqualTo("What will the ball hit next?");
        assertThat(LabRequests.spec(BASE, CLIP, true, R1, TEMPLATES).templateName()).isNull();
    }

    @Test
    void anUnknownTemplateOrOneWithBlanksIsRefusedWithWhatToType() {
        assertThatThrownBy(() -> TEMPLATES.find("Robot's next step")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no question template is called \"Robot's next step\"; use one of: What happens next?, "
                        + "Where is X relative to Y?");
        assertThatThrownBy(() -> TEMPLATES.find("where is x relative to y?"))
                .hasMessage("the template \"Where is X relative to Y?\" has blanks to fill in ({X}); type the filled-in "
                        + "text as a question value instead");
    }

    @Test
    void frameEvidenceIsAskedOnlyWhenTheLabSetsIt() {
        assertThat(LabRequests.params(BASE, R1).evidence()).isFalse();
        assertThat(LabRequests.params(BASE.withEvidence(true), R1).evidence()).isTrue();
    }
}
