package dev.framewise.engine.store.discovery;

import dev.framewise.engine.store.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Hugging Face hub cache layout, read and written the way huggingface_hub does (file_download.py):
 * {@code models--ORG--NAME/blobs/ETAG} holds each file once, {@code snapshots/COMMIT/PATH} are relative
 * symlinks into blobs, {@code refs/BRANCH} holds the commit a branch pointed to. Downloads in progress are
 * {@code blobs/ETAG.incomplete}.
 */
public final class HubCache {
    private static final String PREFIX = "models--";
    private final Path root;

    public HubCache(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path repoFolder(RepoId id) {
        return root.resolve(id.cacheFolderName());
    }

    public Path blob(RepoId id, String etag) {
        return repoFolder(id).resolve("blobs").resolve(etag);
    }

    public Path incompleteBlob(RepoId id, String etag) {
        return repoFolder(id).resolve("blobs").resolve(etag + ".incomplete");
    }

    public Path snapshotFolder(RepoId id, String commit) {
        return repoFolder(id).resolve("snapshots").resolve(commit);
    }

    /** The commit a revision names: itself when it is a commit hash, else what {@code refs/REV} holds. */
    public Optional<String> commitOf(RepoId id) {
        if (RepoId.isCommit(id.revision())) return Optional.of(id.revision());
        Path ref = repoFolder(id).resolve("refs").resolve(id.revision());
        if (!Files.isRegularFile(ref)) return Optional.empty();
        try {
            return Optional.of(Files.readString(ref, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The snapshot folder of a revision, when it is in the cache. */
    public Optional<Path> snapshot(RepoId id) {
        return commitOf(id).map(c -> snapshotFolder(id, c)).filter(Files::isDirectory);
    }

    /** One snapshot of one repository found in the cache. */
    public record Snapshot(RepoId id, String commit, Path folder) {
    }

    /** Every snapshot in the cache, named by the ref that points at it ({@code main} first) or by its commit. */
    public List<Snapshot> snapshots() {
        List<Snapshot> found = new ArrayList<>();
        if (!Files.isDirectory(root)) return found;
        for (Path repoDir : list(root)) {
            String folder = repoDir.getFileName().toString();
            if (!folder.startsWith(PREFIX) || !Files.isDirectory(repoDir.resolve("snapshots"))) continue;
            String repo = repoName(folder);
            if (repo == null) continue;
            for (Path snapshot : list(repoDir.resolve("snapshots"))) {
                String commit = snapshot.getFileName().toString();
                String revision = refPointingAt(repoDir, commit).orElse(commit);
                found.add(new Snapshot(new RepoId(repo, revision), commit, snapshot));
            }
        }
        return found;
    }

    /** Inverse of huggingface_hub's {@code repo_folder_name}: {@code models--org--name} → {@code org/name}. */
    static String repoName(String folder) {
        String rest = folder.substring(PREFIX.length());
        int sep = rest.indexOf("--");
        if (sep <= 0 || sep + 2 >= rest.length()) return null;
        String name = rest.substring(0, sep) + "/" + rest.substring(sep + 2);
        return RepoId.looksLikeRepo(name) ? name : null;
    }

    private Optional<String> refPointingAt(Path repoDir, String commit) {
        Path refs = repoDir.resolve("refs");
        if (!Files.isDirectory(refs)) return Optional.empty();
        try (Stream<Path> files = Files.walk(refs)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> commit.equals(readTrimmed(f)))
                    .map(f -> refs.relativize(f).toString().replace('\\', '/'))
                    .min(Comparator.comparing((String r) -> !r.equals(RepoId.DEFAULT_REVISION)).thenComparing(r -> r));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * huggingface_hub {@code _create_symlink}: {@code snapshots/COMMIT/PATH} → relative link to the blob; where
     * the file system refuses links (Windows without developer mode) the blob is copied instead.
     */
    public void linkIntoSnapshot(RepoId id, String commit, String relativePath, String etag) throws IOException {
        Path target = snapshotFolder(id, commit).resolve(relativePath);
        Files.createDirectories(target.getParent());
        Path blob = blob(id, etag);
        Path relative = target.getParent().relativize(blob);
        if (Files.isSymbolicLink(target) && Files.readSymbolicLink(target).equals(relative)) return;
        // Made under a temp name and renamed over the target: a concurrent pull of the same repository (or a
        // reader) never sees the name missing, and two linkers never turn the link into a copy.
        Path temp = target.resolveSibling("." + target.getFileName() + "." + Thread.currentThread().getId() + "."
                + System.nanoTime() + ".tmp");
        try {
            try {
                Files.createSymbolicLink(temp, relative);
            } catch (UnsupportedOperationException | FileSystemException e) {
                Files.copy(blob, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Records that a branch or tag pointed at a commit ({@code refs/REV}), as huggingface_hub does. */
    public void writeRef(RepoId id, String commit) throws IOException {
        if (RepoId.isCommit(id.revision())) return;
        Path ref = repoFolder(id).resolve("refs").resolve(id.revision());
        Files.createDirectories(ref.getParent());
        Files.writeString(ref, commit, StandardCharsets.UTF_8);
    }

    /** Deletes a repository's whole cache folder (every snapshot, blob and ref). Returns false if absent. */
    public boolean remove(RepoId id) throws IOException {
        Path folder = repoFolder(id);
        if (!Files.isDirectory(folder)) return false;
        FileTrees.delete(folder);
        return true;
    }

    private static String readTrimmed(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static List<Path> list(Path dir) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.sort(Comparator.naturalOrder());
        return entries;
    }
}
