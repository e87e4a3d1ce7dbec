package dev.framewise.app.view;

import dev.framewise.app.viewmodel.AppSettings;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/** Asks for an OpenAI-compatible server: its API root, the model name, and an API key if it needs one. */
final class ServerDialog extends Dialog<ServerDialog.Answer> {
    record Answer(String url, String model, String apiKey) {
    }

    ServerDialog(AppSettings.Server last) {
        setTitle("Connect to a server");
        setHeaderText("Use a model served by vLLM, NVIDIA NIM, llama-server or framewise serve");
        TextField url = new TextField(last == null ? "http://localhost:8000/v1" : last.url());
        url.setId("server-url");
        url.setPrefColumnCount(28);
        TextField model = new TextField(last == null ? "" : last.model());
        model.setId("server-model");
        model.setPromptText("e.g. nvidia/Cosmos-Reason1-7B");
        PasswordField key = new PasswordField();
        key.setPromptText("only if the server asks for one (not saved)");
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, new Label("Server address"), url);
        form.addRow(1, new Label("Model"), model);
        form.addRow(2, new Label("API key"), key);
        getDialogPane().setContent(form);
        ButtonType connect = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(connect, ButtonType.CANCEL);
        getDialogPane().lookupButton(connect).disableProperty().bind(url.textProperty().isEmpty().or(model.textProperty().isEmpty()));
        setResultConverter(button -> button == connect ? new Answer(url.getText(), model.getText(), key.getText()) : null);
    }
}
