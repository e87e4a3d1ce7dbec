package dev.framewise.sessions.cli;

import dev.framewise.sessions.store.FileSessionStore;
import dev.framewise.sessions.store.SessionFolder;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --dir DIR}: the sessions folder to work on instead of the platform default. */
final class StoreOption {
    @Option(names = "--dir", paramLabel = "DIR",
            description = "Sessions folder (default: the user data folder, or $" + SessionFolder.ENV + ").")
    Path dir;

    FileSessionStore store() {
        return dir == null ? FileSessionStore.atDefaultLocation() : new FileSessionStore(dir);
    }
}
