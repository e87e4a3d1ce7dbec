/**
 * The bridge to libtorch through DJL: the TorchScript program (packed from the readable {@code .py} resources),
 * the one thread every tensor call runs on ({@code TorchThread}), native memory figures.
 *
 * <p>May import {@code api} only. Must not import {@code model}, {@code family} or anything above them: the
 * model packages call into this one.
 */
package dev.framewise.engine.torch;
