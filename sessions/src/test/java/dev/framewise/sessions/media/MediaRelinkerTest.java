package dev.framewise.sessions.media;

import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.media.ContentHash;
import dev.framewise.sessions.model.MediaItem;
import dev.framewise.sessions.model.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaRelinkerTest {

    @TempDir
    Path dir;

    private static Path randomFile(Path file, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    @Test
    void itemsAreHashedWithSha256() throws Exception {
        Path file = randomFile(dir.resolve("a.mp4"), 3_000_000, 1);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        MediaItem item = MediaItems.of(file, null);
        assertThat(item.sha256()).isEqualTo(expected);
        assertThat(item.sizeBytes()).isEqualTo(3_000_000);
        assertThat(item.path()).isEqualTo(file.toAbsolutePath().toString());
        assertThat(item.probe()).isNull();
        assertThat(ContentHash.sha256("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void movedMediaIsFoundByContentAndMissingMediaIsReported() throws IOException {
        Path original = dir.resolve("original");
        Path clip = randomFile(original.resolve("clip.mp4"), 40_000, 1);
        Path still = randomFile(original.resolve("still.png"), 5_000, 2);
        Path lost = randomFile(original.resolve("lost.mp4"), 7_000, 3);
        Session session = Session.create("relink", Instant.EPOCH)
                .withMediaItem(MediaItems.of(clip, null))
                .withMediaItem(MediaItems.of(still, null))
                .withMediaItem(MediaItems.of(lost, null));

        Path moved = dir.resolve("archive");
        Files.createDirectories(moved.resolve("2026/jan"));
        Files.move(clip, moved.resolve("2026/jan/renamed-clip.mp4"));
        Files.move(still, moved.resolve("still.png"));
        Files.delete(lost);
        // Decoys: same size as the clip but other content, and a different size with... nothing to match.
        randomFile(moved.resolve("2026/decoy.mp4"), 40_000, 99);
        randomFile(moved.resolve("other.bin"), 12_345, 4);

        RelinkReport report = new MediaRelinker().relink(session, moved);

        assertThat(report.relinked()).extracting(RelinkReport.Relinked::newPath).containsExactlyInAnyOrder(
                moved.resolve("2026/jan/renamed-clip.mp4").toAbsolutePath(), moved.resolve("still.png").toAbsolutePath());
        assertThat(report.missing()).extracting(MediaItem::path).containsExactly(lost.toAbsolutePath().toString());
        assertThat(report.complete()).isFalse();
        assertThat(report.filesHashed()).as("only same-size files are hashed").isLessThanOrEqualTo(3);
        assertThat(report.searchTruncated()).isFalse();
        List<MediaItem> media = report.session().media();
        assertThat(media.get(0).path()).isEqualTo(moved.resolve("2026/jan/renamed-clip.mp4").toAbsolutePath().toString());
        assertThat(media.get(0).id()).isEqualTo(session.media().get(0).id());
        assertThat(media.get(2)).isEqualTo(session.media().get(2));
        assertThat(MediaRelinker.missing(report.session())).hasSize(1);
    }

    @Test
    void searchStaysWithinItsBounds() throws IOException {
        Path clip = randomFile(dir.resolve("src/clip.mp4"), 10_000, 1);
        Session session = Session.create("bounds", Instant.EPOCH).withMediaItem(MediaItems.of(clip, null));
        Path deep = dir.resolve("search/a/b/c/d");
        Files.createDirectories(deep);
        Files.move(clip, deep.resolve("clip.mp4"));

        assertThat(new MediaRelinker(3, 1000).relink(session, dir.resolve("search")).missing()).hasSize(1);
        assertThat(new MediaRelinker(5, 1000).relink(session, dir.resolve("search")).missing()).isEmpty();

        for (int i = 0; i < 10; i++) randomFile(dir.resolve("search/" + i + ".bin"), 10, i);
        RelinkReport truncated = new MediaRelinker(8, 5).relink(session, dir.resolve("search"));
        assertThat(truncated.searchTruncated()).isTrue();
        assertThat(truncated.missing()).hasSize(1);
    }

    @Test
    void aMissingSearchFolderIsAClearError() {
        assertThatThrownBy(() -> new MediaRelinker().relink(Session.create("x", Instant.EPOCH), dir.resolve("nope")))
                .isInstanceOf(EngineException.class).hasMessageContaining("nope").hasMessageContaining("does not exist");
    }
}
