package dev.framewise.sessions.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewise.engine.api.ReasoningStep;
import dev.framewise.engine.api.ReasoningSteps;
import dev.framewise.sessions.TestSessions;
import dev.framewise.sessions.model.FrameSampling;
import dev.framewise.sessions.model.MediaItem;
import dev.framewise.sessions.model.Outcome;
import dev.framewise.sessions.model.Run;
import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.store.SessionException;
import dev.framewise.sessions.store.SessionJson;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};

    /** A session whose question tries to break out of the markup and whose answer holds a control character. */
    private static Session hostileSession() {
        Session s = TestSessions.full();
        Run first = TestSessions.fullRun("run-1", "Is <script>alert('x')</script> & \"this\" safe?",
                "Yes \u0007 it is <b>safe</b>.");
        return s.withRuns(List.of(first, s.runs().get(1)));
    }

    @Test
    void markdownHasQuestionReasoningAnswerAndParametersPerRun() {
        String md = new MarkdownExporter().export(TestSessions.full());
        assertThat(md).startsWith("# Kitchen <clips> & co\n");
        assertThat(md).contains("## Run 1").contains("## Run 2");
        assertThat(md).contains("> Is it safe for the robot to grasp the cup now?");
        assertThat(md).contains("### Reasoning\n\n1. The cup is upright.\n2. The gripper is open.");
        assertThat(md).contains("### Answer\n\nYes, the cup is upright.").contains("The spoon moved first.");
        assertThat(md).contains("| temperature | 0.6 |").contains("| seed | 1234567890123 |")
                .contains("| top_k | 40 |").contains("| stop | </answer>, STOP |")
                .contains("| model | Cosmos-Reason1-7B (/models/cosmos) |")
                .contains("| frames | 2 frames at 1.50 s, 3.00 s |");
        assertThat(md).contains("**Rating:** up").contains("grasp, safety").contains("> checked against the clip");
        assertThat(md).contains("video, 10.50 s, 29.97 fps, 1920\u00d71080");
        // a follow-up shows the conversation it continues, answers without their reasoning
        assertThat(md).contains("**Earlier in this conversation**\n\n> **Q:** What is on the table?\n>\n> **A:** <answer>")
                .contains("**Follow-up question**\n\n> Is it safe");
    }

    @Test
    void htmlIsWellFormedSelfContainedAndEscaped() throws Exception {
        List<String> asked = new ArrayList<>();
        ThumbnailSource thumbs = (media, index, time) -> {
            asked.add(media.id() + "@" + index);
            return Optional.of(new Thumbnail("image/png", PNG));
        };
        String html = new HtmlExporter(thumbs).export(hostileSession());

        Document doc = parse(html);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("html");
        assertThat(doc.getElementsByTagName("section").getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagName("script").getLength()).as("question text is escaped").isZero();
        assertThat(doc.getElementsByTagName("b").getLength()).as("answer text is escaped").isZero();
        Element firstRun = (Element) doc.getElementsByTagName("section").item(0);
        assertThat(firstRun.getAttribute("id")).isEqualTo("run-run-1");
        assertThat(firstRun.getTextContent()).contains("Is <script>alert('x')</script> & \"this\" safe?")
                .contains("Yes \ufffd it is <b>safe</b>.");
        // Reasoning split into its two numbered steps.
        NodeList steps = ((Element) firstRun.getElementsByTagName("ol").item(0)).getElementsByTagName("li");
        assertThat(steps.getLength()).isEqualTo(2);
        assertThat(steps.item(1).getTextContent()).isEqualTo("2. The gripper is open.");
        // Two sampled video frames and the image, each embedded, nothing fetched from outside.
        NodeList images = firstRun.getElementsByTagName("img");
        assertThat(images.getLength()).isEqualTo(3);
        String src = ((Element) images.item(0)).getAttribute("src");
        assertThat(src).startsWith("data:image/png;base64,");
        assertThat(Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1))).isEqualTo(PNG);
        assertThat(asked.subList(0, 3)).containsExactly("media-video@45", "media-video@90", "media-image@0");
        assertThat(html).doesNotContain("src=\"http").doesNotContain("src=\"/").doesNotContain("<link").doesNotContain("url(");
    }

    @Test
    void htmlWithoutThumbnailsStillNamesTheFrames() throws Exception {
        String html = new HtmlExporter(ThumbnailSource.NONE).export(TestSessions.full());
        Document doc = parse(html);
        assertThat(doc.getElementsByTagName("img").getLength()).isZero();
        assertThat(doc.getElementsByTagName("figcaption").item(0).getTextContent()).isEqualTo("frame 45 \u00b7 1.50 s");
    }

    @Test
    void jsonlHasOneParsableLinePerRunWithTheCurationFields() throws Exception {
        StringWriter out = new StringWriter();
        new JsonlExporter(false).export(TestSessions.full(), out);
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode line = SessionJson.mapper().readTree(lines[0]);
        assertThat(line.get("session_id").asText()).isEqualTo("session-1");
        assertThat(line.get("run_id").asText()).isEqualTo("run-1");
        assertThat(line.get("media_path").asText()).isEqualTo(TestSessions.video().path());
        assertThat(line.get("media_sha256").asText()).isEqualTo(TestSessions.VIDEO_SHA);
        assertThat(line.get("question").asText()).isEqualTo("Is it safe for the robot to grasp the cup now?");
        assertThat(line.get("reasoning").asText()).isEqualTo("1. The cup is upright.\n2. The gripper is open.");
        assertThat(line.get("answer").asText()).isEqualTo("Yes, the cup is upright.");
        assertThat(line.get("params").get("seed").asLong()).isEqualTo(1234567890123L);
        assertThat(line.get("params").get("temperature").asDouble()).isEqualTo(0.6);
        assertThat(line.get("model").asText()).isEqualTo("Cosmos-Reason1-7B");
        assertThat(line.get("frame_indices").toString()).isEqualTo("[45,90]");
        assertThat(line.get("frame_timestamps").toString()).isEqualTo("[1.5015,3.003]");
        assertThat(line.get("rating").asText()).isEqualTo("up");
        assertThat(line.get("tags").toString()).isEqualTo("[\"grasp\",\"safety\"]");
        assertThat(line.get("tokens").isNull()).as("tokens only on request").isTrue();
        assertThat(line.get("follow_up").get("follows").asText()).isEqualTo("run-0");
        assertThat(line.get("follow_up").get("earlier_turns").get(0).get("question").asText()).isEqualTo("What is on the table?");

        StringWriter withTokens = new StringWriter();
        new JsonlExporter(true).export(TestSessions.full(), withTokens);
        assertThat(SessionJson.mapper().readTree(withTokens.toString().split("\n")[0]).get("tokens").size()).isEqualTo(2);
    }

    @Test
    void jsonlImportRebuildsTheRunsAndTheirMedia() {
        Session original = TestSessions.full();
        StringWriter out = new StringWriter();
        new JsonlExporter(true).export(original, out);
        Session empty = new Session("other", "Other", Instant.EPOCH, Instant.EPOCH, List.of(), List.of(), null);

        JsonlImporter.Result result = new JsonlImporter().importRuns(empty, new StringReader(out.toString()), Path.of("x.jsonl"));

        assertThat(result.imported()).isEqualTo(2);
        assertThat(result.session().runs()).isEqualTo(original.runs());
        assertThat(result.session().media()).containsExactlyInAnyOrderElementsOf(original.media());
        JsonlImporter.Result again = new JsonlImporter().importRuns(result.session(), new StringReader(out.toString()),
                Path.of("x.jsonl"));
        assertThat(again.imported()).isZero();
        assertThat(again.skippedDuplicates()).isEqualTo(2);
    }

    @Test
    void jsonlImportMatchesMediaByContentNotById() {
        Session original = TestSessions.full();
        StringWriter out = new StringWriter();
        new JsonlExporter(false).export(original, out);
        MediaItem sameVideoOtherId = new MediaItem("mine", "/elsewhere/kitchen.mp4", 1_234_567L, TestSessions.VIDEO_SHA, null);
        Session target = Session.create("t", Instant.EPOCH).withMediaItem(sameVideoOtherId);

        Session imported = new JsonlImporter().importRuns(target, new StringReader(out.toString()), Path.of("x.jsonl")).session();

        assertThat(imported.media()).hasSize(2);
        Run run = imported.runs().get(0);
        assertThat(run.mediaIds()).containsExactly("mine", "media-image");
        FrameSampling sampling = run.sampling();
        assertThat(sampling.mediaId()).isEqualTo("mine");
        assertThat(run.outcome().tokens()).isEmpty();
    }

    @Test
    void aBadJsonlLineIsReportedByNumber() {
        String jsonl = "\n{\"run_id\":\"r\",\"created\":\"2026-01-01T00:00:00Z\",\"question\":\"q\"}\n";
        assertThatThrownBy(() -> new JsonlImporter().importRuns(Session.create("t", Instant.EPOCH),
                new StringReader(jsonl), Path.of("runs.jsonl")))
                .isInstanceOf(SessionException.class).hasMessageContaining("runs.jsonl line 2");
        assertThatThrownBy(() -> new JsonlImporter().importRuns(Session.create("t", Instant.EPOCH),
                new StringReader("{oops"), Path.of("runs.jsonl")))
                .isInstanceOf(SessionException.class).hasMessageContaining("line 1");
    }

    /** Paragraphs holding numbered items: the export lists the workbench's steps (the engine's split), not its own. */
    @Test
    void htmlListsTheSameReasoningStepsAsTheWorkbench() throws Exception {
        String reasoning = "Look at the table first.\n1. The cup is upright.\n2. The gripper is open.\n\nSo it can grasp.";
        Run run = TestSessions.fullRun("run-1", "Can it grasp?", "Yes.");
        Outcome o = run.outcome();
        Run steps = new Run(run.id(), run.created(), run.prompt(), run.mediaIds(), run.params(), run.sampling(),
                run.model(), run.backend(), new Outcome(reasoning, o.answer(), o.text(), o.finishReason(), o.tokens(),
                o.frameEvidence(), o.timings()), run.status(), run.error(), run.curation());
        Document doc = parse(new HtmlExporter(ThumbnailSource.NONE).export(TestSessions.full().withRuns(List.of(steps))));
        NodeList items = ((Element) doc.getElementsByTagName("ol").item(0)).getElementsByTagName("li");
        List<String> listed = new ArrayList<>();
        for (int i = 0; i < items.getLength(); i++) listed.add(items.item(i).getTextContent());
        assertThat(listed).containsExactly("Look at the table first.", "1. The cup is upright.",
                        "2. The gripper is open.", "So it can grasp.")
                .containsExactlyElementsOf(ReasoningSteps.of(reasoning).stream().map(ReasoningStep::text).toList());
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }
}
