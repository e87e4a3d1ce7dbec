package dev.framewise.app.view;

import dev.framewise.app.viewmodel.Notification;
import dev.framewise.app.viewmodel.NotificationsViewModel;

import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** Errors and notices as cards at the top of the window: the plain message, details on request, a close button. */
public final class NotificationsView extends VBox {
    private static final Duration INFO_SHOWN_FOR = Duration.seconds(6);

    public NotificationsView(NotificationsViewModel vm) {
        getStyleClass().add("notifications");
        setId("notifications");
        setPickOnBounds(false);
        setAlignment(Pos.TOP_CENTER);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        vm.notifications().addListener((ListChangeListener<Notification>) c -> {
            while (c.next()) c.getAddedSubList().forEach(n -> expireIfNotice(vm, n));
            rebuild(vm);
        });
    }

    private void rebuild(NotificationsViewModel vm) {
        getChildren().clear();
        for (Notification n : vm.notifications()) getChildren().add(card(vm, n));
    }

    /** Notices go away by themselves; errors stay until the user has read them. */
    private static void expireIfNotice(NotificationsViewModel vm, Notification n) {
        if (n.kind() != Notification.Kind.INFO) return;
        PauseTransition pause = new PauseTransition(INFO_SHOWN_FOR);
        pause.setOnFinished(e -> vm.dismiss(n));
        pause.play();
    }

    private static VBox card(NotificationsViewModel vm, Notification n) {
        Label message = new Label(n.message());
        message.getStyleClass().add("notification-message");
        message.setWrapText(true);
        message.setMaxWidth(360);
        message.setGraphic(Icons.icon(n.kind() == Notification.Kind.ERROR ? "warning" : "film"));
        HBox.setHgrow(message, Priority.ALWAYS);
        Button close = new Button("✕");
        close.getStyleClass().add("notification-close");
        close.setOnAction(e -> vm.dismiss(n));
        HBox top = new HBox(8, message, close);
        top.setAlignment(Pos.TOP_LEFT);
        VBox card = new VBox(top);
        card.getStyleClass().addAll("notification", n.kind() == Notification.Kind.ERROR ? "error" : "info");
        if (!n.details().isBlank()) {
            TextArea details = new TextArea(n.details());
            details.setEditable(false);
            details.setPrefRowCount(8);
            details.getStyleClass().add("notification-details");
            TitledPane expander = new TitledPane("Details", details);
            expander.setExpanded(false);
            expander.setAnimated(false);
            card.getChildren().add(expander);
        }
        return card;
    }
}
