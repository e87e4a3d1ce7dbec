package dev.framewise.app.view;

import dev.framewise.engine.api.RenderedPrompt;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The prompt as the model reads it (the chat template applied, one placeholder per medium) and its token count. */
final class PromptView extends VBox {

    PromptView(RenderedPrompt prompt) {
        super(8);
        setPadding(new Insets(10));
        getStyleClass().add("prompt-view");
        Label count = new Label(describe(prompt));
        count.setId("prompt-tokens");
        count.setWrapText(true);
        TextArea text = new TextArea(prompt.text());
        text.setId("prompt-text");
        text.setEditable(false);
        text.setWrapText(true);
        text.getStyleClass().add("prompt-text");
        VBox.setVgrow(text, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.setId("prompt-copy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(prompt.text());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, count, spacer, copy);
        bar.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(bar, text);
    }

    /** "1,234 tokens: 1,100 for the media, 134 of text (each placeholder below stands for the vision tokens in its place)". */
    static String describe(RenderedPrompt prompt) {
        if (prompt.visionTokens() == 0) return String.format(Locale.ROOT, "%,d tokens", prompt.tokens());
        return String.format(Locale.ROOT, "%,d tokens: %,d for the media, %,d of text (each <|…_pad|> below stands for "
                + "the vision tokens in its place)", prompt.tokens(), prompt.visionTokens(), prompt.tokens() - prompt.visionTokens());
    }
}
