/**
 * The {@code framewise} command line (picocli): ask, serve, batch, eval, models, gpu, tokenize, bench and sessions.
 * The outermost user of the engine and of sessions, in a module of its own.
 *
 * <p>May import any engine or sessions package. Nothing in engine or sessions imports it; no JavaFX.
 */
package dev.framewise.cli;
