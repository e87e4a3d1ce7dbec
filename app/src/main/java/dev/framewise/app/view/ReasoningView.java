package dev.framewise.app.view;

import dev.framewise.app.viewmodel.AskViewModel;
import dev.framewise.app.viewmodel.HistoryViewModel;
import dev.framewise.app.viewmodel.ReasoningOutline;
import dev.framewise.app.viewmodel.RunMarkdown;
import dev.framewise.app.viewmodel.RunViewModel;
import dev.framewise.app.viewmodel.ViewerViewModel;
import dev.framewise.engine.reasoning.ReasoningParser;
import dev.framewise.sessions.model.FollowUp;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * The selected run's chain of thought, streaming in as numbered steps, with the answer in its own card
 * below. Times and frames named in the text are links: a click seeks the viewer, hovering marks the
 * moment on the timeline. Timing figures sit underneath; confidence shading comes from token logprobs. A follow-up
 * question shows the conversation it continues above its reasoning: the earlier questions and their answers.
 */
public final class ReasoningView extends VBox {
    private final HistoryViewModel history;
    private final ViewerViewModel viewer;
    private final StyleClassedTextArea thinking = new StyleClassedTextArea();
    private final TextFlow answer = new TextFlow();
    private final VBox answerCard;
    private final VirtualizedScrollPane<StyleClassedTextArea> scroll;
    private final javafx.beans.property.BooleanProperty answerOnly = new javafx.beans.property.SimpleBooleanProperty();
    private final ToggleButton confidence = new ToggleButton("Confidence");
    private final Label stats = new Label();
    private final Label stage = new Label();
    private final VBox conversation = new VBox(4);
    private final ScrollPane conversationScroll = new ScrollPane(conversation);
    private final InvalidationListener changed = o -> scheduleRender();
    private List<ReasoningLayout.Link> thinkingLinks = List.of();
    private RunViewModel shown;
    private boolean renderScheduled;

    public ReasoningView(HistoryViewModel history, ViewerViewModel viewer, AskViewModel ask, Runnable focusQuestion) {
        this.history = history;
        this.viewer = viewer;
        getStyleClass().addAll("panel", "reasoning");
        Label title = new Label("REASONING");
        title.getStyleClass().add("panel-title");
        confidence.setId("confidence-toggle");
        confidence.setTooltip(new Tooltip("Shade tokens the model was unsure of (from their log-probabilities)"));
        confidence.selectedProperty().addListener(changed);
        stage.getStyleClass().add("muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button followUp = new Button("Follow up");
        followUp.setId("follow-up-button");
        followUp.setTooltip(new Tooltip("Ask a follow-up question about the same media in this conversation (Ctrl+Shift+F)"));
        followUp.disableProperty().bind(ask.canFollowUpBinding().not());
        followUp.setOnAction(e -> {
            ask.startFollowUp();
            focusQuestion.run();
        });
        followUp.setMinWidth(Region.USE_PREF_SIZE);
        HBox header = new HBox(8, title, stage, spacer, followUp, confidence);
        header.setAlignment(Pos.CENTER_LEFT);

        setUpArea(thinking, "reasoning-area");
        thinking.setId("reasoning-text");
        scroll = new VirtualizedScrollPane<>(thinking);
        scroll.setId("reasoning-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);

        answer.getStyleClass().add("answer-area");
        answer.setId("answer-text");
        Label answerTitle = new Label("ANSWER");
        answerTitle.getStyleClass().add("answer-title");
        ScrollPane answerScroll = new ScrollPane(answer);
        answerScroll.setFitToWidth(true);
        answerScroll.getStyleClass().add("answer-scroll");
        answerScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // The card grows with its answer up to half of the panel beside a reasoning, then scrolls; with no reasoning
        // (a model that does not think aloud) the answer has the panel to itself.
        // Sized from the answer's laid-out height (its preferred height for a width lagged behind a growing answer).
        InvalidationListener size = o -> answerScroll.setPrefViewportHeight(Math.min(
                answer.getLayoutBounds().getHeight() + 6, answerOnly.get() ? Double.MAX_VALUE : getHeight() / 2));
        answer.layoutBoundsProperty().addListener(size);
        heightProperty().addListener(size);
        answerOnly.addListener(size);
        VBox.setVgrow(answerScroll, Priority.ALWAYS);
        Button copyAnswer = new Button("Copy");
        copyAnswer.setId("copy-answer");
        copyAnswer.setTooltip(new Tooltip("Copy the answer as Markdown"));
        copyAnswer.setOnAction(e -> copy(RunMarkdown.answer(shown)));
        Button copyRun = new Button("Copy run");
        copyRun.setId("copy-run");
        copyRun.setTooltip(new Tooltip("Copy the question, the reasoning and the answer as Markdown"));
        copyRun.setOnAction(e -> copy(RunMarkdown.run(shown)));
        for (Button b : List.of(copyAnswer, copyRun)) b.getStyleClass().add("small-button");
        Region answerSpacer = new Region();
        HBox.setHgrow(answerSpacer, Priority.ALWAYS);
        HBox answerHeader = new HBox(6, answerTitle, answerSpacer, copyAnswer, copyRun);
        answerHeader.setAlignment(Pos.CENTER_LEFT);
        answerCard = new VBox(answerHeader, answerScroll);
        answerCard.getStyleClass().add("answer-card");
        answerCard.setId("answer-card");

        conversation.setId("conversation");
        conversation.getStyleClass().add("conversation");
        conversationScroll.setId("conversation-scroll");
        conversationScroll.setFitToWidth(true);
        conversationScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        conversationScroll.getStyleClass().add("answer-scroll");
        // The earlier turns take what they need up to a third of the panel, then scroll.
        conversationScroll.prefViewportHeightProperty().bind(Bindings.createDoubleBinding(
                () -> Math.min(conversation.prefHeight(conversationScroll.getWidth() - 4) + 4, getHeight() / 3),
                conversation.needsLayoutProperty(), conversationScroll.widthProperty(), heightProperty()));
        conversationScroll.setVisible(false);
        conversationScroll.setManaged(false);

        stats.setId("run-stats");
        stats.getStyleClass().add("run-stats");
        stats.setWrapText(true);
        getChildren().addAll(header, conversationScroll, scroll, answerCard, stats);
        history.selectedProperty().addListener((obs, old, run) -> show(run));
        show(history.selected());
    }

    private void setUpArea(StyleClassedTextArea area, String styleClass) {
        area.getStyleClass().add(styleClass);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPadding(new javafx.geometry.Insets(6, 8, 6, 8));
        area.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            ReasoningLayout.Link link = linkAt(area, thinkingLinks, e);
            if (link != null) viewer.seek(link.seconds());
        });
        area.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            ReasoningLayout.Link link = linkAt(area, thinkingLinks, e);
            area.setCursor(link == null ? Cursor.TEXT : Cursor.HAND);
            viewer.hoveredReferenceProperty().set(link == null ? Double.NaN : link.seconds());
        });
        area.addEventHandler(MouseEvent.MOUSE_EXITED, e -> viewer.hoveredReferenceProperty().set(Double.NaN));
    }

    /**
     * The answer as Markdown (paragraphs, lists, code blocks, emphasis) in one text flow sized to its content; the
     * time links and shading found in its source stay on the pieces shown.
     */
    private void fillAnswer(ReasoningLayout.Area content) {
        answer.getChildren().clear();
        String text = content.text();
        for (MarkdownLayout.Piece piece : MarkdownLayout.of(text)) {
            if (piece.source() < 0) {
                answer.getChildren().add(answerText(piece.text(), List.of("answer"), piece.styles(), null));
                continue;
            }
            int start = piece.source();
            int end = start + piece.text().length();
            for (ReasoningLayout.Styled run : content.runs()) {
                int from = Math.max(start, run.start());
                int to = Math.min(end, run.end());
                if (from >= to) continue;
                ReasoningLayout.Link link = content.links().stream().filter(l -> l.contains(from)).findFirst().orElse(null);
                answer.getChildren().add(answerText(text.substring(from, to), run.styles(), piece.styles(), link));
            }
        }
    }

    private Text answerText(String text, Collection<String> styles, List<String> markdown, ReasoningLayout.Link link) {
        Text piece = new Text(text);
        piece.getStyleClass().addAll(styles);
        piece.getStyleClass().addAll(markdown);
        if (link != null) {
            piece.setCursor(Cursor.HAND);
            piece.setOnMouseClicked(e -> viewer.seek(link.seconds()));
            piece.setOnMouseEntered(e -> viewer.hoveredReferenceProperty().set(link.seconds()));
            piece.setOnMouseExited(e -> viewer.hoveredReferenceProperty().set(Double.NaN));
        }
        return piece;
    }

    /** The answer as shown (for tests and accessibility). */
    public static String textOf(TextFlow flow) {
        StringBuilder s = new StringBuilder();
        flow.getChildren().forEach(n -> s.append(((Text) n).getText()));
        return s.toString();
    }

    private static void copy(String markdown) {
        javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
        content.putString(markdown);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
    }

    private static ReasoningLayout.Link linkAt(StyleClassedTextArea area, List<ReasoningLayout.Link> links, MouseEvent e) {
        OptionalInt index = area.hit(e.getX(), e.getY()).getCharacterIndex();
        if (index.isEmpty()) return null;
        return links.stream().filter(l -> l.contains(index.getAsInt())).findFirst().orElse(null);
    }

    private void show(RunViewModel run) {
        if (shown != null) {
            shown.textProperty().removeListener(changed);
            shown.stateProperty().removeListener(changed);
        }
        shown = run;
        stats.textProperty().unbind();
        stage.textProperty().unbind();
        if (run == null) {
            stats.setText("");
            stage.setText("");
            showConversation(null);
        } else {
            showConversation(run.spec().followUp() == null ? null : run);
            run.textProperty().addListener(changed);
            run.stateProperty().addListener(changed);
            stage.textProperty().bind(run.stageProperty());
            RunViewModel start = history.conversationStart(run);
            stats.textProperty().bind(Bindings.createStringBinding(() -> statsText(run, start), run.firstTokenMsProperty(),
                    run.firstTokenSplitProperty(), run.tokensPerSecondProperty(), run.totalMsProperty(), run.stateProperty(),
                    run.errorProperty(), run.promptReuseProperty()));
        }
        render();
    }

    /** Streaming tokens arrive in bursts: render once per burst, not once per token. */
    private void scheduleRender() {
        if (renderScheduled) return;
        renderScheduled = true;
        Platform.runLater(() -> {
            renderScheduled = false;
            render();
        });
    }

    private void render() {
        RunViewModel run = shown;
        String raw = run == null ? "" : run.text();
        ReasoningOutline outline = run == null ? ReasoningOutline.EMPTY : run.outline();
        ReasoningLayout layout = new ReasoningLayout(raw, outline, run == null ? List.of() : run.tokens(), confidence.isSelected());
        ReasoningLayout.Area think = layout.thinking();
        ReasoningLayout.Area ans = layout.answer();
        fill(thinking, think);
        for (int i = 0; i < thinking.getParagraphs().size(); i++) thinking.setParagraphStyle(i, List.of("step-paragraph"));
        fillAnswer(ans);
        thinkingLinks = think.links();
        answerCard.setVisible(!ans.text().isEmpty());
        answerCard.setManaged(answerCard.isVisible());
        // No reasoning at all (a model that does not think aloud): the answer takes the reasoning's place.
        answerOnly.set(think.text().isEmpty() && !ans.text().isEmpty());
        scroll.setVisible(!answerOnly.get());
        scroll.setManaged(!answerOnly.get());
        VBox.setVgrow(answerCard, answerOnly.get() ? Priority.ALWAYS : Priority.NEVER);
        if (run != null && run.state() == RunViewModel.State.STREAMING) thinking.requestFollowCaret();
    }

    private static void fill(StyleClassedTextArea area, ReasoningLayout.Area content) {
        if (!area.getText().equals(content.text())) area.replaceText(content.text());
        if (content.text().isEmpty()) return;
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        for (ReasoningLayout.Styled run : content.runs()) spans.add(run.styles(), run.end() - run.start());
        area.setStyleSpans(0, spans.create());
        area.moveTo(content.text().length());
    }

    /** The earlier turns of a follow-up, then its own question; hidden for a first question. */
    private void showConversation(RunViewModel run) {
        conversation.getChildren().clear();
        conversationScroll.setVisible(run != null);
        conversationScroll.setManaged(run != null);
        if (run == null) return;
        for (FollowUp.Turn turn : run.spec().followUp().earlierTurns()) {
            conversation.getChildren().addAll(turnLabel(turn.question(), "conversation-question"),
                    turnLabel(shownAnswer(turn.answer()), "conversation-answer"));
        }
        Label now = turnLabel(run.spec().question(), "conversation-question");
        now.getStyleClass().add("conversation-current");
        conversation.getChildren().add(now);
    }

    /** An earlier answer without its format tags ({@code <answer>…</answer>} shows as its content). */
    static String shownAnswer(String answer) {
        String text = ReasoningParser.parse(answer).answer().strip();
        return text.isEmpty() ? "(no answer)" : text;
    }

    private static Label turnLabel(String text, String style) {
        Label label = new Label(text.strip());
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.getStyleClass().add(style);
        return label;
    }

    private static String statsText(RunViewModel run, RunViewModel conversationStart) {
        if (run.state() == RunViewModel.State.FAILED) return "Failed: " + run.errorProperty().get();
        StringBuilder s = new StringBuilder();
        if (!Double.isNaN(run.firstTokenMsProperty().get())) {
            s.append(String.format(Locale.ROOT, "first token %.2f s", run.firstTokenMsProperty().get() / 1000));
            if (!run.firstTokenSplitProperty().get().isEmpty()) s.append(" (").append(run.firstTokenSplitProperty().get()).append(")");
        }
        if (!Double.isNaN(run.tokensPerSecondProperty().get())) s.append(String.format(Locale.ROOT, " · %.1f tokens/s", run.tokensPerSecondProperty().get()));
        if (!Double.isNaN(run.totalMsProperty().get())) s.append(String.format(Locale.ROOT, " · total %.2f s", run.totalMsProperty().get() / 1000));
        s.append(" · ").append(run.tokens().size()).append(" tokens");
        if (run.state() == RunViewModel.State.CANCELLED) s.append(" · stopped");
        if (!run.promptReuseProperty().get().isEmpty()) s.append(" · ").append(run.promptReuseProperty().get());
        if (run.isFollowUp() && conversationStart != run && !Double.isNaN(conversationStart.firstTokenMsProperty().get())) {
            s.append(String.format(Locale.ROOT, " · follow-up; the first question's first token %.2f s",
                    conversationStart.firstTokenMsProperty().get() / 1000));
        }
        return s.toString();
    }
}
