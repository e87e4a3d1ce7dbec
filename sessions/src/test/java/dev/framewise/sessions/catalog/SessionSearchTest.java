package dev.framewise.sessions.catalog;

import dev.framewise.sessions.TestSessions;
import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.store.FileSessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionSearchTest {

    @TempDir
    Path dir;

    @Test
    void findsRunsByQuestionOrAnswerIgnoringCase() throws IOException {
        FileSessionStore store = new FileSessionStore(dir);
        Session kitchen = TestSessions.full();
        Session garage = new Session("session-2", "Garage", TestSessions.CREATED, TestSessions.CREATED, List.of(),
                List.of(TestSessions.fullRun("run-g", "Where is the red toolbox?", "On the shelf, left of the SPOON rack.")),
                null);
        store.save(store.fileFor(kitchen), kitchen);
        store.save(store.fileFor(garage), garage);
        Files.writeString(dir.resolve("broken.framewise"), "{\"schema_version\":2");

        SessionSearch.Result grasp = new SessionSearch(store).search("GRASP the cup");
        assertThat(grasp.hits()).hasSize(1);
        SearchHit hit = grasp.hits().get(0);
        assertThat(hit.sessionId()).isEqualTo("session-1");
        assertThat(hit.runId()).isEqualTo("run-1");
        assertThat(hit.field()).isEqualTo(SearchHit.Field.QUESTION);
        assertThat(hit.snippet()).isEqualTo("Is it safe for the robot to grasp the cup now?");
        assertThat(hit.file()).isEqualTo(store.fileFor(kitchen));
        assertThat(grasp.unreadable()).hasSize(1);
        assertThat(grasp.unreadable().get(0).problem()).contains("broken.framewise");

        SessionSearch.Result spoon = new SessionSearch(store).search("spoon");
        assertThat(spoon.hits()).extracting(SearchHit::runId).containsExactlyInAnyOrder("run-2", "run-g");
        assertThat(spoon.hits()).allMatch(h -> h.field() == SearchHit.Field.ANSWER);

        assertThat(new SessionSearch(store).search("hovercraft").hits()).isEmpty();
    }

    @Test
    void snippetsAreCutAroundTheMatchOnOneLine() {
        String text = "a".repeat(100) + "\nthe NEEDLE here\n" + "b".repeat(100);
        String snippet = SessionSearch.snippet(text, "needle");
        assertThat(snippet).startsWith("\u2026").endsWith("\u2026").contains("the NEEDLE here").doesNotContain("\n");
        assertThat(SessionSearch.snippet("short", "missing")).isNull();
    }
}
