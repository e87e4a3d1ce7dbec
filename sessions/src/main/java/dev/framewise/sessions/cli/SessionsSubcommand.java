package dev.framewise.sessions.cli;

import dev.framewise.engine.api.EngineException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The error contract of every sessions command: a typed engine or session error ends the command with one
 * line on stderr and exit code 1, whichever command line registered it.
 */
abstract class SessionsSubcommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (EngineException e) {
            err().println("framewise: " + e.getMessage());
            return 1;
        }
    }

    abstract int execute();

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
