package dev.framewise.sessions.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewise.sessions.TestSessions;
import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.store.SessionJson;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A session's prompt lab in each export (TestSessions.lab: two phrasings × two seeds, the first row run). */
class LabExportTest {
    private final Session session = TestSessions.full();

    @Test
    void markdownHasTheLabsAnswerTableAndDistribution() {
        String md = new MarkdownExporter().export(session);

        assertThat(md).contains("## Prompt lab: Grasp phrasing\n\n**Question**\n\n> Is it safe to grasp the cup?");
        assertThat(md).contains("### kitchen & \"sink\".mp4\n\n|  | seed = 1 | seed = 2 |\n|---|---|---|\n");
        assertThat(md).contains("| question = Is it safe to grasp the cup? | Yes, the cup is upright. (run 1) "
                + "| The spoon moved first. (run 2) |\n");
        assertThat(md).contains("| question = Can the robot grasp the cup now? | not run | not run |\n");
        assertThat(md).contains("**Answers:** 1\u00d7 Yes, the cup is upright., 1\u00d7 The spoon moved first.; no majority");
        assertThat(md.indexOf("## Prompt lab")).isLessThan(md.indexOf("## Run 1"));
    }

    @Test
    void htmlMarksTheWordsThatDifferFromTheFirstAnswerAndLinksTheRuns() {
        String html = new HtmlExporter((item, index, seconds) -> Optional.empty()).export(session);

        assertThat(html).contains("<div class=\"lab\" id=\"lab-lab-1\">");
        assertThat(html).contains("<td>Yes, the cup is upright. <a href=\"#run-run-1\">run 1</a></td>");
        assertThat(html).contains("<td>The <mark class=\"diff\">spoon moved first.</mark> <a href=\"#run-run-2\">run 2</a></td>");
        assertThat(html).contains("<th>seed = 2</th>").contains("<em>not run</em>");
    }

    @Test
    void jsonlLinesSayWhereALabRunSits() throws Exception {
        StringWriter out = new StringWriter();
        new JsonlExporter(false).export(session, out);
        String[] lines = out.toString().split("\n");

        JsonNode second = SessionJson.mapper().readTree(lines[1]).get("lab");
        assertThat(second.get("lab_id").asText()).isEqualTo("lab-1");
        assertThat(second.get("row").asInt()).isZero();
        assertThat(second.get("column").asInt()).isEqualTo(1);
        assertThat(second.get("variant").get("seed").asLong()).isEqualTo(2L);
        assertThat(second.get("variant").get("question").asText()).isEqualTo("Is it safe to grasp the cup?");
        // A session without labs writes lab: null on every line.
        StringWriter plain = new StringWriter();
        new JsonlExporter(false).export(session.withLabs(java.util.List.of()), plain);
        assertThat(SessionJson.mapper().readTree(plain.toString().split("\n")[0]).get("lab").isNull()).isTrue();
    }
}
