package dev.framewise.app.viewmodel;

/** A message for the user: a plain sentence, and the technical details shown only on request. */
public record Notification(Kind kind, String message, String details) {
    public enum Kind { INFO, ERROR }
}
