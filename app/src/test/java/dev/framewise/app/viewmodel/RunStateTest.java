package dev.framewise.app.viewmodel;

import dev.framewise.engine.api.FinishReason;
import dev.framewise.sessions.model.RunStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A run shows the same state live, as it ends, and reopened from the session it was saved in. */
class RunStateTest {

    @ParameterizedTest
    @EnumSource(FinishReason.class)
    void liveAndReopenedRunsShowAlike(FinishReason reason) {
        RunViewModel.State state = RunViewModel.State.of(RunStatus.of(reason));
        RunViewModel.State expected = switch (reason) {
            case EOS, STOP_STRING, LENGTH -> RunViewModel.State.DONE;
            case CANCELLED, INCOMPLETE -> RunViewModel.State.CANCELLED;
        };
        assertThat(state).isEqualTo(expected);
    }
}
