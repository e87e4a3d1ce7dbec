package dev.framewise.sessions.media;

import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.media.ContentHash;
import dev.framewise.sessions.model.MediaItem;
import dev.framewise.sessions.model.Session;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds moved media again by content. Only items whose file is gone or has a different size are looked
 * for. The search walks a folder the user names down to {@code maxDepth} levels and at most
 * {@code maxFiles} files; only files of exactly a wanted size are hashed, so a big folder costs a listing,
 * not a read of everything.
 */
public final class MediaRelinker {
    public static final int DEFAULT_MAX_DEPTH = 12;
    public static final int DEFAULT_MAX_FILES = 200_000;

    private final int maxDepth;
    private final int maxFiles;

    public MediaRelinker(int maxDepth, int maxFiles) {
        if (maxDepth < 1 || maxFiles < 1) throw new IllegalArgumentException("relink bounds must be positive");
        this.maxDepth = maxDepth;
        this.maxFiles = maxFiles;
    }

    public MediaRelinker() {
        this(DEFAULT_MAX_DEPTH, DEFAULT_MAX_FILES);
    }

    /** Media whose recorded file is missing or no longer has the recorded size. */
    public static List<MediaItem> missing(Session session) {
        return session.media().stream().filter(m -> !present(m)).toList();
    }

    public RelinkReport relink(Session session, Path searchRoot) {
        List<MediaItem> wanted = missing(session);
        if (!Files.isDirectory(searchRoot)) {
            throw new EngineException("The search folder " + searchRoot + " does not exist or is not a folder; "
                    + "name the folder the media was moved to.");
        }
        Map<Long, List<MediaItem>> bySize = new HashMap<>();
        for (MediaItem m : wanted) bySize.computeIfAbsent(m.sizeBytes(), k -> new ArrayList<>()).add(m);
        Search search = new Search(bySize);
        if (!wanted.isEmpty()) {
            try {
                Files.walkFileTree(searchRoot, EnumSet.noneOf(FileVisitOption.class), maxDepth, search);
            } catch (IOException e) {
                throw new EngineException("Could not search " + searchRoot + " for moved media: " + e.getMessage(), e);
            }
        }
        List<MediaItem> updated = new ArrayList<>();
        List<RelinkReport.Relinked> relinked = new ArrayList<>();
        List<MediaItem> stillMissing = new ArrayList<>();
        for (MediaItem m : session.media()) {
            Path found = search.found.get(m.sha256());
            if (wanted.contains(m) && found != null) {
                MediaItem moved = m.withPath(found);
                updated.add(moved);
                relinked.add(new RelinkReport.Relinked(m.id(), m.path(), Path.of(moved.path())));
            } else {
                if (wanted.contains(m)) stillMissing.add(m);
                updated.add(m);
            }
        }
        return new RelinkReport(session.withMedia(updated), relinked, stillMissing, search.scanned, search.hashed,
                search.truncated);
    }

    private static boolean present(MediaItem m) {
        try {
            return Files.isRegularFile(m.file()) && Files.size(m.file()) == m.sizeBytes();
        } catch (IOException e) {
            return false;
        }
    }

    private final class Search extends SimpleFileVisitor<Path> {
        final Map<Long, List<MediaItem>> bySize;
        final Set<String> wantedHashes = new HashSet<>();
        final Map<String, Path> found = new HashMap<>();
        int scanned;
        int hashed;
        boolean truncated;

        Search(Map<Long, List<MediaItem>> bySize) {
            this.bySize = bySize;
            bySize.values().forEach(items -> items.forEach(m -> wantedHashes.add(m.sha256())));
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (++scanned > maxFiles) {
                truncated = true;
                return FileVisitResult.TERMINATE;
            }
            if (attrs.isRegularFile() && bySize.containsKey(attrs.size())) {
                try {
                    hashed++;
                    String hash = ContentHash.sha256(file);
                    if (wantedHashes.contains(hash)) found.putIfAbsent(hash, file.toAbsolutePath().normalize());
                } catch (IOException e) {
                    return FileVisitResult.CONTINUE; // unreadable candidate: not ours to report
                }
            }
            return found.size() == wantedHashes.size() ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // a folder we may not read: skip it, keep searching
        }
    }
}
