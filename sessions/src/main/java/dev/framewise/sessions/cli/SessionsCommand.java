package dev.framewise.sessions.cli;

import dev.framewise.sessions.export.ThumbnailSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code framewise sessions …}, registered by the command line's {@code FramewiseCli}. */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = "List, search, export, import and repair session files.",
        subcommands = {ListSessionsCommand.class, SearchSessionsCommand.class, ExportSessionCommand.class,
                RelinkSessionCommand.class, ImportRunsCommand.class, SessionsBenchCommand.class,
                RepairSessionCommand.class})
public final class SessionsCommand implements Runnable {

    private final ThumbnailSource thumbnails;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** @param thumbnails frame pictures for HTML export (the app supplies a decoder-backed source) */
    public SessionsCommand(ThumbnailSource thumbnails) {
        this.thumbnails = thumbnails;
    }

    /** Without thumbnails: HTML exports show frame times only. */
    public SessionsCommand() {
        this(ThumbnailSource.NONE);
    }

    ThumbnailSource thumbnails() {
        return thumbnails;
    }

    /** Runs {@code sessions …} on its own (without the app's launcher), e.g. for the benchmark. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SessionsCommand()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand (see framewise sessions --help)");
    }
}
