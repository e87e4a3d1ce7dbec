package dev.framewise.sessions.store;

import dev.framewise.sessions.model.MediaKind;
import dev.framewise.sessions.model.Rating;
import dev.framewise.sessions.model.Run;
import dev.framewise.sessions.model.RunStatus;
import dev.framewise.sessions.model.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaVersionTest {

    @TempDir
    Path dir;

    private Path copyOfV1Fixture() throws IOException {
        Path file = dir.resolve("old.framewise");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/session-v1.framewise")) {
            assertThat(in).as("fixture on the class path").isNotNull();
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void version1FileIsMigratedOnLoad() throws IOException {
        Path file = copyOfV1Fixture();
        byte[] before = Files.readAllBytes(file);

        Session s = new FileSessionStore(dir).load(file);

        assertThat(Files.readAllBytes(file)).as("loading never rewrites the file").isEqualTo(before);
        assertThat(s.id()).isEqualTo("5b0c9d7e-1f2a-4c3b-9d8e-7f6a5b4c3d2e");
        assertThat(s.title()).isEqualTo("Kitchen robot, first afternoon");
        assertThat(s.created()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(s.modified()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));

        assertThat(s.media()).hasSize(2);
        assertThat(s.media().get(0).path()).isEqualTo("/home/ana/clips/grasp-cup.mp4");
        assertThat(s.media().get(0).sizeBytes()).isEqualTo(2483117);
        assertThat(s.media().get(0).probe().kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(s.media().get(0).probe().frameCount()).isEqualTo(300);
        assertThat(s.media().get(1).probe().kind()).isEqualTo(MediaKind.IMAGE);

        Run r1 = s.runs().get(0);
        assertThat(r1.created()).isEqualTo(Instant.parse("2026-01-01T00:15:00Z"));
        assertThat(r1.question()).isEqualTo("Is it safe for the robot to grasp the cup now?");
        assertThat(r1.prompt().systemPrompt()).isEqualTo("You are a helpful assistant.");
        assertThat(r1.prompt().reasoningFormat()).isTrue();
        assertThat(r1.params().maxTokens()).isEqualTo(1024);
        assertThat(r1.params().seed()).isEqualTo(42L);
        assertThat(r1.model().name()).isEqualTo("Cosmos-Reason1-7B");
        assertThat(r1.model().location()).isEqualTo("/home/ana/models/Cosmos-Reason1-7B");
        assertThat(r1.backend()).isEqualTo("embedded");
        assertThat(r1.sampling().mediaId()).isEqualTo("m1");
        assertThat(r1.sampling().frames()).extracting(f -> f.index()).containsExactly(0L, 150L, 299L);
        assertThat(r1.sampling().frames().get(2).timestampSeconds()).isEqualTo(9.966666666666667);
        assertThat(r1.reasoning()).isEqualTo("The cup stands upright on the table.\n\nThe gripper is open and above it.");
        assertThat(r1.answer()).isEqualTo("Yes, it is safe to grasp the cup now.");
        assertThat(r1.outcome().text()).startsWith("<think>\nThe cup");
        assertThat(r1.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(r1.curation().rating()).isEqualTo(Rating.UP);
        assertThat(r1.curation().tags()).containsExactly("grasp", "kitchen");
        assertThat(r1.curation().notes()).isEqualTo("good example");

        Run r2 = s.runs().get(1);
        assertThat(r2.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(r2.reasoning()).isEqualTo("The arm moves toward"); // unclosed <think> of a cancelled run
        assertThat(r2.answer()).isEmpty();
        assertThat(r2.params().seed()).isNull();
        assertThat(r2.prompt().systemPrompt()).isNull();
        assertThat(r2.sampling()).isNull();
        assertThat(r2.mediaIds()).containsExactly("m1", "m2");
        assertThat(r2.curation().rating()).isEqualTo(Rating.DOWN);

        Run r3 = s.runs().get(2);
        assertThat(r3.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r3.error()).isEqualTo("CUDA out of memory");
        assertThat(r3.outcome()).isNull();
        assertThat(r3.curation().rating()).isEqualTo(Rating.NONE);
    }

    @Test
    void openReportsTheMigrationAndTheNextSaveWritesTheCurrentSchema() throws IOException {
        Path file = copyOfV1Fixture();
        FileSessionStore store = new FileSessionStore(dir);

        LoadOutcome.Loaded loaded = (LoadOutcome.Loaded) store.open(file);
        assertThat(loaded.migratedFrom()).isEqualTo(Optional.of(1));
        store.save(file, loaded.session());

        assertThat(Files.readString(file)).startsWith("{\"schema_version\":" + Session.CURRENT_SCHEMA_VERSION + ",");
        assertThat(Files.readString(AtomicFileWriter.backupOf(file))).contains("\"schema_version\": 1");
        assertThat(store.load(file)).isEqualTo(loaded.session());
        assertThat(((LoadOutcome.Loaded) store.open(file)).migratedFrom()).isEmpty();
    }

    @Test
    void version2FileOpensWithEveryRunAFirstQuestion() throws IOException {
        Path file = dir.resolve("v2.framewise");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/session-v2.framewise")) {
            Files.copy(in, file);
        }
        FileSessionStore store = new FileSessionStore(dir);

        LoadOutcome.Loaded loaded = (LoadOutcome.Loaded) store.open(file);

        assertThat(loaded.migratedFrom()).isEqualTo(Optional.of(2));
        Session s = loaded.session();
        assertThat(s.title()).isEqualTo("Ball and box");
        assertThat(s.runs()).hasSize(1);
        Run run = s.runs().get(0);
        assertThat(run.followUp()).isNull();
        assertThat(run.answer()).isEqualTo("It hits the box.");
        assertThat(run.outcome().timings().visionMs()).isEqualTo(900.0);
        assertThat(run.sampling().resizedWidth()).isEqualTo(168);
        store.save(file, s);
        assertThat(Files.readString(file)).startsWith("{\"schema_version\":" + Session.CURRENT_SCHEMA_VERSION + ",")
                .contains("\"follow_up\":null");
        assertThat(store.load(file)).isEqualTo(s);
    }

    @Test
    void version3FixtureOpensWithEverythingAndNoLabs() throws IOException {
        Path file = dir.resolve("v3-fixture.framewise");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/session-v3.framewise")) {
            Files.copy(in, file);
        }
        byte[] before = Files.readAllBytes(file);

        LoadOutcome.Loaded loaded = (LoadOutcome.Loaded) new FileSessionStore(dir).open(file);

        assertThat(Files.readAllBytes(file)).as("loading never rewrites the file").isEqualTo(before);
        assertThat(loaded.migratedFrom()).isEqualTo(Optional.of(3));
        Session s = loaded.session();
        assertThat(s.title()).isEqualTo("Ball clips");
        assertThat(s.labs()).isEmpty();
        assertThat(s.media().get(0).probe().frameCount()).isEqualTo(30);
        assertThat(s.runs().get(0).answer()).isEqualTo("The ball hits the green box.");
        assertThat(s.runs().get(0).params().seed()).isEqualTo(7L);
        assertThat(s.runs().get(0).sampling().frames()).hasSize(2);
        assertThat(s.uiState().viewerPositionSeconds()).isEqualTo(1.25);
    }

    @Test
    void version3FileWithoutLabsOpensWithNone() throws IOException {
        Session current = dev.framewise.sessions.TestSessions.full();
        FileSessionStore store = new FileSessionStore(dir);
        Path file = dir.resolve("v3.framewise");
        store.save(file, current);
        // What Framewise wrote before labs: schema 3, no "labs" field.
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) SessionJson.mapper().readTree(file.toFile());
        tree.put("schema_version", 3);
        tree.remove("labs");
        Files.writeString(file, SessionJson.mapper().writeValueAsString(tree));

        LoadOutcome.Loaded loaded = (LoadOutcome.Loaded) store.open(file);

        assertThat(loaded.migratedFrom()).isEqualTo(Optional.of(3));
        assertThat(loaded.session().labs()).isEmpty();
        assertThat(loaded.session().withLabs(current.labs())).isEqualTo(current);
    }

    @Test
    void newerSchemaIsRefusedAndTheFileLeftUntouched() throws IOException {
        Path file = dir.resolve("future.framewise");
        String future = "{\"schema_version\": 99, \"id\": \"x\", \"title\": \"from the future\", \"hologram\": {}}";
        Files.writeString(file, future);
        FileSessionStore store = new FileSessionStore(dir);

        for (Runnable attempt : List.<Runnable>of(() -> store.load(file), () -> store.open(file))) {
            assertThatThrownBy(attempt::run)
                    .isInstanceOf(SessionException.class)
                    .hasMessageContaining("newer Framewise")
                    .hasMessageContaining("schema 99")
                    .hasMessageContaining("left unchanged")
                    .satisfies(e -> assertThat(((SessionException) e).problem())
                            .isEqualTo(SessionException.Problem.NEWER_VERSION));
        }
        assertThat(Files.readString(file)).isEqualTo(future);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void listingShowsMigratedAndCurrentSessionsAndFlagsDamagedOnes() throws IOException {
        copyOfV1Fixture();
        FileSessionStore store = new FileSessionStore(dir);
        store.save(dir.resolve("new.framewise"), dev.framewise.sessions.TestSessions.full());
        Files.writeString(dir.resolve("broken.framewise"), "{\"schema_version\":2,\"id\":\"b\"");
        Files.writeString(dir.resolve("notes.txt"), "not a session");

        List<SessionSummary> list = store.list();

        assertThat(list).hasSize(3);
        SessionSummary current = list.get(0);
        assertThat(current.title()).isEqualTo("Kitchen <clips> & co");
        assertThat(current.runCount()).isEqualTo(2);
        assertThat(current.mediaCount()).isEqualTo(2);
        assertThat(current.modified()).isEqualTo(dev.framewise.sessions.TestSessions.CREATED.plusSeconds(3600));
        SessionSummary old = list.get(1);
        assertThat(old.title()).isEqualTo("Kitchen robot, first afternoon");
        assertThat(old.runCount()).isEqualTo(3);
        assertThat(old.mediaCount()).isEqualTo(2);
        SessionSummary broken = list.get(2);
        assertThat(broken.readable()).isFalse();
        assertThat(broken.problem()).contains("broken.framewise").contains("damaged");
    }
}
