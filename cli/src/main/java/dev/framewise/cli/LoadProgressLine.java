package dev.framewise.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.DoubleConsumer;

/**
 * "loading NAME  42 %" on one terminal line while a model's weights are prepared (tens of seconds for a 7B model
 * on a CPU), erased when done; silent when the output is not a terminal.
 */
final class LoadProgressLine implements DoubleConsumer {
    private final PrintWriter err;
    private final String name;
    private int shown = -1;

    private LoadProgressLine(PrintWriter err, String name) {
        this.err = err;
        this.name = name;
    }

    static DoubleConsumer forTerminal(PrintWriter err, String name) {
        return System.console() == null ? fraction -> { } : new LoadProgressLine(err, name);
    }

    @Override
    public void accept(double fraction) {
        int percent = (int) Math.floor(fraction * 100);
        if (percent == shown) return;
        shown = percent;
        String line = String.format(Locale.ROOT, "loading %s %3d %%", name, percent);
        err.print(percent >= 100 ? "\r" + " ".repeat(line.length()) + "\r" : "\r" + line);
        err.flush();
    }
}
