package dev.framewise.engine.media;

import dev.framewise.engine.api.EngineException;

import java.nio.file.Path;

/** A media file that cannot be opened or decoded; the message names the file and the problem in plain words. */
public class MediaException extends EngineException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public MediaException(Path file, String problem) {
        super(file.getFileName() + ": " + problem);
        this.file = file;
    }

    public MediaException(Path file, String problem, Throwable cause) {
        super(file.getFileName() + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
