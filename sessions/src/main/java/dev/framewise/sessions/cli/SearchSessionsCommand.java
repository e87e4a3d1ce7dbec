package dev.framewise.sessions.cli;

import dev.framewise.sessions.catalog.SearchHit;
import dev.framewise.sessions.catalog.SessionSearch;
import dev.framewise.sessions.store.SessionSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.Locale;

/** {@code framewise sessions search TEXT}: runs whose question or answer contains the text. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Find runs whose question or answer contains TEXT (case-insensitive).")
final class SearchSessionsCommand extends SessionsSubcommand {

    @Mixin
    StoreOption storeOption;

    @Parameters(index = "0", paramLabel = "TEXT", description = "Text to look for.")
    String text;

    @Override
    int execute() {
        if (text.isBlank()) {
            err().println("framewise: give some text to search for");
            return 2;
        }
        SessionSearch.Result result = new SessionSearch(storeOption.store()).search(text);
        for (SearchHit hit : result.hits()) {
            out().printf("%s  run %s  %s: %s  (%s)%n", hit.sessionTitle(), hit.runId(),
                    hit.field().name().toLowerCase(Locale.ROOT), hit.snippet(), hit.file());
        }
        for (SessionSummary s : result.unreadable()) err().println("framewise: skipped " + s.problem());
        if (result.hits().isEmpty()) out().println("No run mentions \"" + text + "\".");
        return 0;
    }
}
