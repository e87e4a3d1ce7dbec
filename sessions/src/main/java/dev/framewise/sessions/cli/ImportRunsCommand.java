package dev.framewise.sessions.cli;

import dev.framewise.sessions.export.JsonlImporter;
import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.store.FileSessionStore;
import dev.framewise.sessions.store.SessionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** {@code framewise sessions import FILE --from RUNS.jsonl}: adds exported (possibly curated) runs to a session. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Add the runs of a JSONL export to a session file (created if missing); runs already there are skipped.")
final class ImportRunsCommand extends SessionsSubcommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The session file.")
    Path file;

    @Option(names = "--from", required = true, paramLabel = "RUNS.jsonl", description = "A JSONL export.")
    Path jsonl;

    @Override
    int execute() {
        FileSessionStore store = new FileSessionStore(file.toAbsolutePath().getParent());
        Session session = store.loadOrCreate(file, Instant.now());
        JsonlImporter.Result result;
        try (Reader in = Files.newBufferedReader(jsonl)) {
            result = new JsonlImporter().importRuns(session, in, jsonl);
        } catch (IOException e) {
            throw new SessionException(jsonl, SessionException.Problem.IO, "Cannot read " + jsonl + ": " + e.getMessage(), e);
        }
        if (result.imported() > 0) store.save(file, result.session().touched(Instant.now()));
        out().println("Imported " + result.imported() + " runs into " + file
                + (result.skippedDuplicates() > 0 ? "; skipped " + result.skippedDuplicates() + " already there." : "."));
        return 0;
    }
}
