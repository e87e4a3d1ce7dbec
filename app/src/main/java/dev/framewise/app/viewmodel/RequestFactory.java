package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.ChatMessage;
import dev.framewise.engine.api.ContentPart;
import dev.framewise.engine.api.GenerationRequest;
import dev.framewise.engine.api.InferenceBackend;
import dev.framewise.engine.api.PromptConvention;
import dev.framewise.sessions.model.FollowUp;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns what the user asked into the conversation the engine runs, with the same prompt convention as
 * {@code framewise ask --prompt} gives the loaded model (the backend's {@link InferenceBackend#convention()}): its
 * system prompt and reasoning format, the media first then the question, and its video sampling for whatever the
 * run leaves at the default (null). A follow-up question continues the first question's conversation: each earlier
 * answer as the model is shown it again (without its reasoning, see {@link ChatMessage#earlierAnswer}), then the
 * next question as the convention words a question. The conversation up to the last answer is the same prompt as
 * before, so the engine's prompt-prefix cache and vision cache serve it.
 */
public final class RequestFactory {

    /** A request in Cosmos-Reason1's convention (the workbench's defaults). */
    public GenerationRequest build(RunSpec spec) {
        return build(spec, ParamsViewModel.CONVENTION);
    }

    /** A request in the given convention: the loaded model's. */
    public GenerationRequest build(RunSpec spec, PromptConvention convention) {
        List<ContentPart> media = spec.media() == null ? List.of() : List.of(mediaPart(spec, convention));
        FollowUp followUp = spec.followUp();
        String first = followUp == null ? spec.question() : followUp.earlierTurns().get(0).question();
        List<ChatMessage> messages = new ArrayList<>(convention.question(media, first, spec.reasoningFormat(),
                spec.systemPrompt()));
        if (followUp != null) {
            List<FollowUp.Turn> turns = followUp.earlierTurns();
            for (int i = 0; i < turns.size(); i++) {
                messages.add(ChatMessage.assistant(turns.get(i).answer()));
                String next = i + 1 < turns.size() ? turns.get(i + 1).question() : spec.question();
                messages.add(laterQuestion(next, spec, convention));
            }
        }
        return new GenerationRequest(messages, spec.params());
    }

    /** The answer a follow-up shows the model in place of a run's generated text. */
    public static String answerShown(String generatedText) {
        return ((ContentPart.Text) ChatMessage.earlierAnswer(generatedText).content().get(0)).text();
    }

    /** A later question, worded as the convention words a text-only question (its last message). */
    private static ChatMessage laterQuestion(String question, RunSpec spec, PromptConvention convention) {
        List<ChatMessage> alone = convention.question(List.of(), question, spec.reasoningFormat(), spec.systemPrompt());
        return alone.get(alone.size() - 1);
    }

    private static ContentPart mediaPart(RunSpec spec, PromptConvention convention) {
        if (spec.fps() == null) return convention.image(spec.media(), null, spec.maxPixels());
        return convention.video(spec.media(), spec.fps(), null, null, spec.maxPixels(), spec.clipStart(),
                spec.clipEnd());
    }
}
