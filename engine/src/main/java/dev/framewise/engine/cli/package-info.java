/**
 * The {@code framewise} command line (picocli): ask, serve, models, tokenize, bench. The outermost user of the
 * engine; it moves out of the engine module, and the engine's cycle rule leaves it out until then.
 *
 * <p>May import any engine package. No engine package may import it (the one exception, {@code text}'s use of
 * {@code NativeSetup}, goes with the move).
 */
package dev.framewise.engine.cli;
