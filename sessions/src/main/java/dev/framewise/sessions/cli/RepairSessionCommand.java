package dev.framewise.sessions.cli;

import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.store.FileSessionStore;
import dev.framewise.sessions.store.LoadOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/**
 * {@code framewise sessions repair FILE}: a damaged session file is set aside (renamed {@code .corrupt-TIME}, never
 * deleted) and the session is restored from the backup the previous save kept ({@code FILE.bak}).
 */
@Command(name = "repair", mixinStandardHelpOptions = true,
        description = {"Restore a damaged session file from its backup (FILE.bak, kept by every save).",
                "The damaged file is renamed FILE.corrupt-TIME, never deleted. Exit code 0 when the file is readable "
                        + "afterwards, 1 when there is no usable backup."})
final class RepairSessionCommand extends SessionsSubcommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The session file.")
    Path file;

    @Override
    int execute() {
        FileSessionStore store = new FileSessionStore(file.toAbsolutePath().getParent());
        LoadOutcome outcome = store.open(file);
        if (outcome instanceof LoadOutcome.Loaded loaded) {
            out().println(file + " is readable (" + loaded.session().runs().size() + " runs); nothing to repair.");
            return 0;
        }
        LoadOutcome.Damaged damaged = (LoadOutcome.Damaged) outcome;
        out().println("Set the damaged file aside as " + damaged.setAsideAs() + ".");
        if (damaged.backup().isEmpty()) {
            err().println("framewise: there is no backup " + file.getFileName() + ".bak to restore; the damaged file is "
                    + "kept as " + damaged.setAsideAs().getFileName() + ".");
            return 1;
        }
        Session restored = store.restoreBackup(file);
        out().println("Restored " + file + " from " + damaged.backup().get().getFileName() + " ("
                + restored.runs().size() + " runs; runs saved after that backup are only in the damaged file).");
        return 0;
    }
}
