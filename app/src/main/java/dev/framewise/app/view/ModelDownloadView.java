package dev.framewise.app.view;

import dev.framewise.app.viewmodel.ModelDownloadViewModel;
import dev.framewise.app.viewmodel.ModelDownloadViewModel.State;

import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Download from the Hub: a repository (typed or a preset), Check (size and fit first), then Download with
 * progress, Pause / Resume and Cancel; a gated model shows its licence link; a finished one can be used at once.
 */
final class ModelDownloadView extends VBox {

    /**
     * @param use      loads the finished download's folder
     * @param openLink opens a web page (the model's licence) in the browser
     */
    ModelDownloadView(ModelDownloadViewModel vm, Consumer<java.nio.file.Path> use, Consumer<String> openLink) {
        super(10);
        setPadding(new Insets(12));
        ComboBox<String> repo = new ComboBox<>();
        repo.setId("download-repo");
        repo.setEditable(true);
        repo.getItems().setAll(ModelDownloadViewModel.PRESETS);
        repo.setPromptText("org/name, e.g. nvidia/Cosmos-Reason2-2B");
        repo.setMaxWidth(Double.MAX_VALUE);
        repo.getEditor().textProperty().bindBidirectional(vm.repoProperty());
        repo.valueProperty().addListener((obs, old, v) -> {
            if (v != null) vm.repoProperty().set(v);
        });
        Button check = new Button("Check");
        check.setId("download-check");
        check.setOnAction(e -> vm.check());
        repo.getEditor().setOnAction(e -> vm.check());
        PasswordField token = new PasswordField();
        token.setId("download-token");
        token.setPromptText("only for gated models; used for this download, not saved (else HF_TOKEN)");
        token.textProperty().bindBidirectional(vm.tokenProperty());
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, new Label("Repository"), repo, check);
        form.addRow(1, new Label("Access token"), token);
        GridPane.setHgrow(repo, Priority.ALWAYS);
        GridPane.setHgrow(token, Priority.ALWAYS);

        Label summary = new Label();
        summary.setId("download-summary");
        summary.getStyleClass().add("download-summary");
        summary.textProperty().bind(vm.summaryProperty());
        Label message = new Label();
        message.setId("download-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        Hyperlink licence = new Hyperlink();
        licence.setId("download-licence");
        licence.textProperty().bind(Bindings.concat("Accept the licence at ", vm.licenceLinkProperty()));
        licence.visibleProperty().bind(vm.licenceLinkProperty().isNotEmpty());
        licence.managedProperty().bind(licence.visibleProperty());
        licence.setOnAction(e -> {
            ClipboardContent link = new ClipboardContent();
            link.putString(vm.licenceLinkProperty().get());
            Clipboard.getSystemClipboard().setContent(link);
            openLink.accept(vm.licenceLinkProperty().get());
        });
        ProgressBar bar = new ProgressBar(0);
        bar.setId("download-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        Label progress = new Label();
        progress.setId("download-progress-text");
        progress.textProperty().bind(vm.progressTextProperty());
        var state = vm.stateProperty();
        var downloading = state.isEqualTo(State.DOWNLOADING);
        var paused = state.isEqualTo(State.PAUSED);
        bar.visibleProperty().bind(downloading.or(paused).or(state.isEqualTo(State.VERIFYING))
                .or(state.isEqualTo(State.DONE)));

        Button download = new Button("Download");
        download.setId("download-start");
        download.setDefaultButton(true);
        download.disableProperty().bind(state.isNotEqualTo(State.CHECKED));
        download.setOnAction(e -> vm.download());
        Button pause = new Button();
        pause.setId("download-pause");
        pause.textProperty().bind(Bindings.when(paused).then("Resume").otherwise("Pause"));
        pause.disableProperty().bind(downloading.not().and(paused.not()));
        pause.setOnAction(e -> {
            if (state.get() == State.PAUSED) vm.download();
            else vm.pause();
        });
        Button cancel = new Button("Cancel");
        cancel.setId("download-cancel");
        cancel.disableProperty().bind(downloading.not().and(paused.not()).and(state.isNotEqualTo(State.VERIFYING)));
        cancel.setOnAction(e -> vm.cancel());
        Button useIt = new Button("Use it");
        useIt.setId("download-use");
        useIt.disableProperty().bind(vm.folderProperty().isNull());
        useIt.setOnAction(e -> use.accept(vm.folderProperty().get()));
        Label where = new Label("Models are downloaded into the Hugging Face cache (HF_HUB_CACHE), where Python tools "
                + "find them too; a paused or interrupted download resumes where it stopped.");
        where.getStyleClass().add("muted");
        where.setWrapText(true);
        getChildren().addAll(form, summary, message, licence, bar, progress, new HBox(8, download, pause, cancel, useIt),
                where);
    }
}
