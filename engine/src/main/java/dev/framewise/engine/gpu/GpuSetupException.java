package dev.framewise.engine.gpu;

import dev.framewise.engine.api.EngineException;

/** Switching to the CUDA libtorch could not be done; {@link #reason()} says why, the message what to do. */
public final class GpuSetupException extends EngineException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** No NVIDIA GPU or no NVIDIA driver on this machine. */
        NO_GPU,
        /** The driver is older than the CUDA build needs. */
        DRIVER_TOO_OLD,
        /** No CUDA build of libtorch exists for this operating system or processor. */
        UNSUPPORTED_PLATFORM,
        /** Not enough free disk space for the archive and its unpacked libraries. */
        DISK_FULL,
        /** The server could not be reached, refused the file or the connection kept dropping. */
        NETWORK,
        /** The archive's size or checksum is not the expected one, or it does not hold libtorch. */
        CORRUPT,
        /** The user cancelled; the partial archive is kept for a later resume. */
        CANCELLED,
        /** Any other file-system failure. */
        OTHER
    }

    private final Reason reason;

    public GpuSetupException(Reason reason, String userMessage) {
        super(userMessage);
        this.reason = reason;
    }

    public GpuSetupException(Reason reason, String userMessage, Throwable cause) {
        super(userMessage, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
