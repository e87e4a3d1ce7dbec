package dev.framewise.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewise.sessions.model.Run;
import dev.framewise.sessions.model.RunParams;
import dev.framewise.sessions.model.RunStatus;
import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.store.FileSessionStore;
import dev.framewise.sessions.store.SessionJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void everyFieldSurvivesSaveAndLoad() {
        Session session = TestSessions.full();
        TestSessions.assertEveryFieldSet(session, "session");
        FileSessionStore store = new FileSessionStore(dir);
        Path file = store.fileFor(session);

        store.save(file, session);
        Session loaded = store.load(file);

        assertThat(loaded).isEqualTo(session);
        assertThat(loaded.runs().get(0).outcome().tokens().get(1).top().get(1).logprob()).isEqualTo(-1.6f);
        assertThat(loaded.created()).isEqualTo(TestSessions.CREATED);
    }

    @Test
    void failedRunWithoutOutcomeRoundTrips() {
        Run ok = TestSessions.fullRun("run-1", "q", "a");
        Run failed = new Run("run-f", ok.created(), ok.prompt(), ok.mediaIds(), ok.params(), null, ok.model(),
                ok.backend(), null, RunStatus.FAILED, "out of memory: try --max-pixels 200704", ok.curation());
        Session session = TestSessions.full().withRuns(List.of(failed));
        FileSessionStore store = new FileSessionStore(dir);
        store.save(store.fileFor(session), session);
        assertThat(store.load(store.fileFor(session))).isEqualTo(session);
    }

    @Test
    void fileUsesExplicitSnakeCaseNamesWithSchemaVersionFirst() throws Exception {
        Session session = TestSessions.full();
        FileSessionStore store = new FileSessionStore(dir);
        store.save(store.fileFor(session), session);
        String json = Files.readString(store.fileFor(session));

        assertThat(json).startsWith("{\"schema_version\":4,");
        JsonNode lab = SessionJson.mapper().readTree(json).get("labs").get(0);
        assertThat(lab.get("rows").get("dimension").asText()).isEqualTo("question");
        assertThat(lab.get("columns").get("values").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(lab.get("cells").get(1).get("run_id").asText()).isEqualTo("run-2");
        JsonNode run = SessionJson.mapper().readTree(json).get("runs").get(0);
        assertThat(run.get("prompt").get("system_prompt").asText()).isEqualTo("You are a careful robot assistant.");
        assertThat(run.get("params").get("repetition_penalty").asDouble()).isEqualTo(1.05);
        assertThat(run.get("sampling").get("frames").get(1).get("timestamp_seconds").asDouble()).isEqualTo(3.003);
        assertThat(run.get("curation").get("rating").asText()).isEqualTo("up");
        assertThat(run.get("status").asText()).isEqualTo("complete");
        // Tokens are compact arrays: [id, text, logprob, [[alt_id, alt_logprob], ...]].
        assertThat(run.get("outcome").get("tokens").get(1).toString()).isEqualTo("[785,\"The\",-0.37,[[785,-0.37],[32,-1.6]]]");
    }

    @Test
    void presenceAndFrequencyPenaltiesAreWrittenOnlyWhenSetAndReadBackAsZeroWhenAbsent() throws Exception {
        Run plain = TestSessions.fullRun("run-1", "q", "a");
        RunParams p = plain.params();
        Run penalised = new Run("run-p", plain.created(), plain.prompt(), plain.mediaIds(),
                new RunParams(p.maxTokens(), p.temperature(), p.topP(), p.topK(), p.repetitionPenalty(), p.seed(),
                        p.stop(), p.ignoreEos(), p.topLogprobs(), p.evidence(), 1.5, -0.25),
                plain.sampling(), plain.model(), plain.backend(), plain.outcome(), plain.status(), null, plain.curation());
        Session session = TestSessions.full().withRuns(List.of(plain, penalised));
        FileSessionStore store = new FileSessionStore(dir);
        store.save(store.fileFor(session), session);
        assertThat(store.load(store.fileFor(session))).isEqualTo(session);
        JsonNode runs = SessionJson.mapper().readTree(Files.readString(store.fileFor(session))).get("runs");
        assertThat(runs.get(0).get("params").has("presence_penalty")).isFalse(); // files stay as they were
        assertThat(runs.get(1).get("params").get("presence_penalty").asDouble()).isEqualTo(1.5);
        assertThat(runs.get(1).get("params").get("frequency_penalty").asDouble()).isEqualTo(-0.25);
        assertThat(store.load(store.fileFor(session)).runs().get(0).params().toGenerationParams().presencePenalty())
                .isZero();
    }
}
