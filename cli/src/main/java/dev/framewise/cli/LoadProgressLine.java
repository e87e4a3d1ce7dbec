package dev.framewise.cli;

import dev.framewise.engine.api.LoadProgress;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.DoubleConsumer;

/**
 * "loading NAME  42 %" on one terminal line while a model's weights are prepared (tens of seconds for a 7B model
 * on a CPU), with the stage where int8 / int4 weights are quantised and written to the quantised cache ("loading NAME
 * 42 %  quantising 40 of 113 matrices (2.1 of 4.3 GB)"), erased when done; silent when the output is not a terminal.
 * Ctrl+C ends the process: the load stops where it is and leaves no partial cache file (see QuantizedCache).
 */
final class LoadProgressLine implements LoadProgress.Listener {
    private final PrintWriter err;
    private final String name;
    private int shown = -1;
    private LoadProgress step;
    private String shownStep = "";

    LoadProgressLine(PrintWriter err, String name) {
        this.err = err;
        this.name = name;
    }

    static DoubleConsumer forTerminal(PrintWriter err, String name) {
        return System.console() == null ? fraction -> { } : new LoadProgressLine(err, name);
    }

    @Override
    public void step(LoadProgress progress) {
        step = progress;
    }

    @Override
    public void accept(double fraction) {
        int percent = (int) Math.floor(fraction * 100);
        String stepText = step == null || step.stage() == LoadProgress.Stage.LOADING ? "" : "  " + step.describe();
        if (percent == shown && stepText.equals(shownStep)) return;
        String previous = line(shown, shownStep);
        shown = percent;
        shownStep = stepText;
        String line = line(percent, stepText);
        // padded over the longer line before it, which it replaces
        String padded = line + " ".repeat(Math.max(0, previous.length() - line.length()));
        err.print(percent >= 100 ? "\r" + " ".repeat(Math.max(line.length(), previous.length())) + "\r" : "\r" + padded);
        err.flush();
    }

    private String line(int percent, String stepText) {
        return percent < 0 ? "" : String.format(Locale.ROOT, "loading %s %3d %%%s", name, percent, stepText);
    }
}
