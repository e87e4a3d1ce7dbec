package dev.framewise.sessions.catalog;

import java.nio.file.Path;

/** A run whose question or answer contains the searched text, with a snippet around the first match. */
public record SearchHit(Path file, String sessionId, String sessionTitle, String runId, Field field, String snippet) {

    public enum Field { QUESTION, ANSWER }
}
