package dev.framewise.app.ui;

import dev.framewise.engine.api.CancellationToken;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationListener;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.GenerationResult;
import dev.framewise.engine.api.InferenceBackend;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted backend for the prompt lab's tests and screenshot: the second phrasing with seed 2 "sees" a wall, every
 * other cell the box, so a 2 × 2 grid has one answer that differs; each answer streams as {@link ScriptedBackend} does.
 */
final class LabScript implements InferenceBackend {
    static final String Q1 = "What will the ball hit next?";
    static final String Q2 = "Which object is in the ball's path?";
    static final String BOX = "The ball hits the green box.";
    static final String WALL = "The ball hits the red wall.";
    final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();

    static String script(String answer) {
        return "<think>\n1. The red ball starts on the left and rolls right.\n2. At 1.5 s it passes the middle of the floor.\n"
                + "3. " + (answer.equals(WALL) ? "The wall at the right edge is the first thing in its path." : "The green box is in its path.")
                + "\n</think>\n\n<answer>\n" + answer + "\n</answer>";
    }

    @Override
    public String describe() {
        return "Scripted test model";
    }

    @Override
    public GenerationResult generate(GenerationRequest request, GenerationListener listener, CancellationToken cancel) {
        requests.add(request);
        var parts = request.messages().get(request.messages().size() - 1).content();
        String question = ((ContentPart.Text) parts.get(parts.size() - 1)).text();
        Long seed = request.params().seed();
        String answer = question.equals(Q2) && seed != null && seed == 2 ? WALL : BOX;
        return new ScriptedBackend(WorkbenchTest.pieces(script(answer)), WorkbenchTest.SHOWN, 0).generate(request, listener, cancel);
    }

    @Override
    public void close() {
    }
}
