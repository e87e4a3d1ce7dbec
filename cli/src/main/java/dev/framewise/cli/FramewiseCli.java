package dev.framewise.cli;

import dev.framewise.engine.api.BuildInfo;
import dev.framewise.engine.api.EngineException;
import dev.framewise.engine.gpu.ActiveLibtorch;
import dev.framewise.engine.media.Media;
import dev.framewise.sessions.cli.SessionsCommand;
import dev.framewise.sessions.export.SessionExport;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code framewise} command line. Subcommands are registered here, in one place; each lives in its own
 * class. Engine errors end the command with one line on stderr and exit code 1, never a stack trace.
 */
@Command(name = "framewise", mixinStandardHelpOptions = true, versionProvider = FramewiseCli.Version.class,
        description = {"Visual reasoning on local images and videos with Qwen2.5-VL / Cosmos-Reason1 models.",
                "",
                "With no arguments, framewise opens the workbench. Files given instead of a",
                "command (videos, images, a .framewise session) open in the workbench, or in",
                "the one already running."},
        subcommands = {BenchCommand.class, TokenizeCommand.class, AskCommand.class, ModelsCommand.class, ServeCommand.class,
                BatchCommand.class, EvalCommand.class, GpuCommand.class})
public final class FramewiseCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand (see --help)");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        ActiveLibtorch.selectAtStart();
        CommandLine cli = new CommandLine(new FramewiseCli());
        cli.addSubcommand(new SessionsCommand(SessionExport.thumbnails(Media::open)));
        // A mistyped flag gets one line and where to look, not the whole usage scrolling it off the screen.
        cli.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine failed = ex.getCommandLine();
            failed.getErr().println("framewise: " + ex.getMessage());
            failed.getErr().println("see '" + failed.getCommandSpec().qualifiedName() + " --help'");
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            EngineException engineError = findEngineException(ex);
            if (engineError != null) {
                commandLine.getErr().println("framewise: " + engineError.getMessage());
                return 1;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    private static EngineException findEngineException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof EngineException e) return e;
        }
        return null;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {BuildInfo.current().line()};
        }
    }
}
