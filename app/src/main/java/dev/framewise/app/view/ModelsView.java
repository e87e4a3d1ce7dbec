package dev.framewise.app.view;

import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/** The Models window: the models on this machine to pick from, and downloads from the Hub. */
final class ModelsView extends TabPane {
    private final ModelPickerView picker;

    ModelsView(ModelPickerView picker, ModelDownloadView download) {
        this.picker = picker;
        setId("models-view");
        Tab local = new Tab("On this machine", picker);
        local.setId("models-local-tab");
        Tab hub = new Tab("Download", download);
        hub.setId("models-download-tab");
        getTabs().addAll(local, hub);
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        setPrefSize(1000, 520);
    }

    void showPicker() {
        getSelectionModel().select(0);
        picker.focusTable();
    }
}
