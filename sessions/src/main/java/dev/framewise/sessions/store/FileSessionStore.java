package dev.framewise.sessions.store;

import dev.framewise.sessions.model.Session;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Sessions as {@code ID.framewise} files in a folder (by default the platform's user data folder). */
public final class FileSessionStore implements SessionStore {
    public static final String EXTENSION = ".framewise";
    /** Sessions saved outside the folder (Save as…), one absolute path a line, so that list() still finds them. */
    static final String ELSEWHERE_INDEX = "elsewhere.txt";
    private static final DateTimeFormatter SET_ASIDE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** How old a leftover temp file must be to be removed: far longer than any save takes. */
    static final java.time.Duration LEFTOVER_AGE = java.time.Duration.ofMinutes(10);

    private final Path folder;
    private final AtomicFileWriter writer;
    private final Clock clock;
    /** One lock per file: saves of the same file never overlap (the backup step is not atomic with the rename). */
    private final ConcurrentMap<Path, Object> fileLocks = new ConcurrentHashMap<>();

    public FileSessionStore(Path folder) {
        this(folder, AtomicFileWriter.NO_FAULT, Clock.systemUTC());
    }

    /** Tests inject a fault between the temp write and the rename, and a fixed clock. */
    FileSessionStore(Path folder, AtomicFileWriter.BeforeRename beforeRename, Clock clock) {
        this.folder = folder.toAbsolutePath().normalize();
        this.writer = new AtomicFileWriter(beforeRename);
        this.clock = clock;
    }

    /** The store in {@link SessionFolder#resolve()}. */
    public static FileSessionStore atDefaultLocation() {
        return new FileSessionStore(SessionFolder.resolve());
    }

    public static boolean isSessionFile(Path file) {
        return file.getFileName().toString().endsWith(EXTENSION);
    }

    @Override
    public Path folder() {
        return folder;
    }

    @Override
    public Path fileFor(Session session) {
        return folder.resolve(session.id() + EXTENSION);
    }

    @Override
    public void save(Path file, Session session) {
        Path target = realTarget(file);
        synchronized (fileLocks.computeIfAbsent(target, k -> new Object())) {
            try {
                writer.write(target, out -> SessionCodec.write(session, out));
                if (!folder.equals(target.getParent())) remember(target);
            } catch (IOException e) {
                throw new SessionException(target, SessionException.Problem.IO, "Could not save session file " + target
                        + ": " + e.getMessage() + ". The previous version is unchanged; check free space and permissions.", e);
            }
        }
    }

    /**
     * Runs a load-modify-write of {@code file} while no other process (nor thread) does one: an OS lock
     * ({@link FileChannel#lock()}) on {@code .NAME.lock} beside the file. Parallel {@code ask --session} runs on one
     * file then each add their run to what the previous one saved, instead of overwriting it. The lock file stays
     * (removing it would let a third process lock a new file while the second holds the old one).
     */
    public <T> T underFileLock(Path file, Supplier<T> action) {
        Path target = realTarget(file);
        Path lockFile = target.resolveSibling("." + target.getFileName() + ".lock");
        synchronized (fileLocks.computeIfAbsent(target, k -> new Object())) {
            try {
                AtomicFileWriter.createPrivateDirectories(target.getParent());
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    return action.get();
                }
            } catch (IOException e) {
                throw new SessionException(target, SessionException.Problem.IO, "Could not lock session file " + target
                        + " for writing (" + e.getMessage() + "); check the folder's permissions.", e);
            }
        }
    }

    @Override
    public Session load(Path file) {
        return SessionCodec.read(file).session();
    }

    /**
     * The session in the file, or a new empty one titled after the file's name when there is no file yet
     * (nothing is written). A damaged file is an error, never replaced by a new session.
     */
    public Session loadOrCreate(Path file, Instant now) {
        if (Files.exists(file)) return load(file);
        String name = file.getFileName().toString();
        String title = name.endsWith(EXTENSION) ? name.substring(0, name.length() - EXTENSION.length())
                : name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return Session.create(title, now);
    }

    @Override
    public LoadOutcome open(Path file) {
        try {
            SessionCodec.Decoded decoded = SessionCodec.read(file);
            return new LoadOutcome.Loaded(decoded.session(), file,
                    decoded.migrated() ? Optional.of(decoded.fileSchemaVersion()) : Optional.empty());
        } catch (SessionException e) {
            if (e.problem() != SessionException.Problem.DAMAGED) throw e;
            Path setAside = setAside(file);
            Path backup = AtomicFileWriter.backupOf(file);
            return new LoadOutcome.Damaged(e, file, setAside, Files.isRegularFile(backup) ? Optional.of(backup) : Optional.empty());
        }
    }

    @Override
    public Session restoreBackup(Path file) {
        Path backup = AtomicFileWriter.backupOf(file);
        if (!Files.isRegularFile(backup)) {
            throw new SessionException(backup, SessionException.Problem.NOT_FOUND,
                    "There is no backup of " + file.getFileName() + " to restore (" + backup + " does not exist).");
        }
        Session session = load(backup);
        if (Files.exists(file)) setAside(file);
        save(file, session);
        return session;
    }

    /** The file a path names, through a symbolic link: saves and locks of a link and of its target are the same. */
    private static Path realTarget(Path file) {
        Path path = file.toAbsolutePath().normalize();
        try {
            return Files.isSymbolicLink(path) ? path.toRealPath() : path;
        } catch (IOException e) {
            return path; // a dangling link: the save reports it
        }
    }

    /**
     * Removes temp files that saves killed before their rename left in the folder. Only those untouched for
     * {@link #LEFTOVER_AGE}: a younger one may belong to a save running now in another process.
     */
    private void removeLeftoverTemps() {
        Instant before = clock.instant().minus(LEFTOVER_AGE);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (AtomicFileWriter.isLeftoverTemp(f) && Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(f).toInstant().isBefore(before)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            // Best effort: a leftover temp file wastes space, nothing more.
        }
    }

    /** The files in the folder and those saved elsewhere that are still there, newest first. */
    @Override
    public List<SessionSummary> list() {
        if (!Files.isDirectory(folder)) return List.of();
        removeLeftoverTemps();
        try (Stream<Path> files = Stream.concat(Files.list(folder), elsewhere().stream()).distinct()) {
            return files.filter(f -> isSessionFile(f) && Files.isRegularFile(f)).map(SummaryReader::read)
                    .sorted(Comparator.comparing(SessionSummary::modified, Comparator.nullsLast(Comparator.reverseOrder())))
                    .toList();
        } catch (IOException e) {
            throw SessionCodec.io(folder, e);
        }
    }

    private synchronized void remember(Path file) {
        try {
            if (elsewhere().contains(file)) return;
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(ELSEWHERE_INDEX), file + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The session itself is saved; only `sessions list` will not show it.
        }
    }

    private List<Path> elsewhere() throws IOException {
        Path index = folder.resolve(ELSEWHERE_INDEX);
        if (!Files.isRegularFile(index)) return List.of();
        return Files.readAllLines(index).stream().filter(l -> !l.isBlank()).map(Path::of).toList();
    }

    /** Renames a damaged file to {@code NAME.corrupt-TIMESTAMP} (a free name: nothing is ever overwritten). */
    private Path setAside(Path file) {
        String base = file.getFileName() + ".corrupt-" + SET_ASIDE_STAMP.format(clock.instant());
        Path target = file.resolveSibling(base);
        for (int n = 1; Files.exists(target); n++) target = file.resolveSibling(base + "-" + n);
        try {
            return Files.move(file, target);
        } catch (IOException e) {
            throw new SessionException(file, SessionException.Problem.IO, "Session file " + file
                    + " is damaged and could not be set aside: " + e.getMessage() + ". Move it away by hand.", e);
        }
    }
}
