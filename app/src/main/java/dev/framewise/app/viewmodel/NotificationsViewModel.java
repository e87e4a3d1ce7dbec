package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.EngineException;

import java.io.PrintWriter;
import java.io.StringWriter;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Errors and notices shown as dismissible cards; an error's plain message comes first, its stack trace only in the details. */
public final class NotificationsViewModel {
    private final ObservableList<Notification> notifications = FXCollections.observableArrayList();
    private final ObservableList<Notification> readOnly = FXCollections.unmodifiableObservableList(notifications);

    public ObservableList<Notification> notifications() {
        return readOnly;
    }

    public void info(String message) {
        notifications.add(new Notification(Notification.Kind.INFO, message, ""));
    }

    /** {@code whatFailed} says what the user was doing ("Could not open clip.mp4"); engine errors already say it all. */
    public void error(String whatFailed, Throwable error) {
        notifications.add(new Notification(Notification.Kind.ERROR, plainMessage(whatFailed, error), details(error)));
    }

    public void dismiss(Notification notification) {
        notifications.remove(notification);
    }

    public static String plainMessage(String whatFailed, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof EngineException && t.getMessage() != null) return whatFailed + ": " + t.getMessage();
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? whatFailed + " (" + error.getClass().getSimpleName() + ")" : whatFailed + ": " + message;
    }

    private static String details(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
