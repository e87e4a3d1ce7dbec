package dev.framewise.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code framewise bench …}: benchmarks that print figures; never part of the test suite. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure speed and memory (media decoding, model decode and prefill, vision encode).",
        subcommands = {BenchMediaCommand.class, DecodeBenchCommand.class, PrefillBenchCommand.class, BenchVisionCommand.class,
                ServeBenchCommand.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark (see framewise bench --help)");
    }
}
