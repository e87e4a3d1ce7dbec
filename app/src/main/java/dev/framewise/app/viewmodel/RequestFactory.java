package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.sessions.model.FollowUp;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns what the user asked into the conversation the engine runs, with the same prompt convention as
 * {@code framewise ask --prompt}: its system prompt, the media first then the question, and its video sampling
 * for whatever the run leaves at the default (null). A follow-up question continues the first question's
 * conversation: each earlier answer as the model is shown it again (without its reasoning, see
 * {@link ChatMessage#earlierAnswer}), then the next question as the convention words a question. The conversation
 * up to the last answer is the same prompt as before, so the engine's prompt-prefix cache and vision cache serve it.
 */
public final class RequestFactory {

    public GenerationRequest build(RunSpec spec) {
        List<ContentPart> media = spec.media() == null ? List.of() : List.of(mediaPart(spec));
        FollowUp followUp = spec.followUp();
        String first = followUp == null ? spec.question() : followUp.earlierTurns().get(0).question();
        List<ChatMessage> messages = new ArrayList<>(ParamsViewModel.CONVENTION.question(media, first,
                spec.reasoningFormat(), spec.systemPrompt()));
        if (followUp != null) {
            List<FollowUp.Turn> turns = followUp.earlierTurns();
            for (int i = 0; i < turns.size(); i++) {
                messages.add(ChatMessage.assistant(turns.get(i).answer()));
                String next = i + 1 < turns.size() ? turns.get(i + 1).question() : spec.question();
                messages.add(laterQuestion(next, spec));
            }
        }
        return new GenerationRequest(messages, spec.params());
    }

    /** The answer a follow-up shows the model in place of a run's generated text. */
    public static String answerShown(String generatedText) {
        return ((ContentPart.Text) ChatMessage.earlierAnswer(generatedText).content().get(0)).text();
    }

    /** A later question, worded as the convention words a text-only question (its last message). */
    private static ChatMessage laterQuestion(String question, RunSpec spec) {
        List<ChatMessage> alone = ParamsViewModel.CONVENTION.question(List.of(), question, spec.reasoningFormat(),
                spec.systemPrompt());
        return alone.get(alone.size() - 1);
    }

    private static ContentPart mediaPart(RunSpec spec) {
        if (spec.fps() == null) return ParamsViewModel.CONVENTION.image(spec.media(), null, spec.maxPixels());
        return ParamsViewModel.CONVENTION.video(spec.media(), spec.fps(), null, null, spec.maxPixels(), spec.clipStart(),
                spec.clipEnd());
    }
}
