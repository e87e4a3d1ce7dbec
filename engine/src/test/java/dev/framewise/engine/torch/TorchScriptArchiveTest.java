package dev.framewise.engine.torch;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Several source resources become one TorchScript class whose methods call each other. */
class TorchScriptArchiveTest {

    @Test
    void methodsOfOneResourceCallThoseOfAnother() {
        TorchScriptArchive archive = TorchScriptArchive.fromResources("Pair",
                List.of("/torchscript/first.py", "/torchscript/second.py"));
        assertThat(archive.classSource()).startsWith("class Pair(Module):")
                .contains("def double_plus_one(self: __torch__.Pair, x: Tensor)").doesNotContain("a comment line");
        try (TensorProgram program = TensorProgram.load(archive); NDManager scope = program.newScope();
             TorchValue x = TensorProgram.longs(scope, new long[] {1, 2, 3}, 3);
             TorchValue y = program.call("double_plus_one", x)) {
            assertThat(y.toTensor(scope).toLongArray()).containsExactly(3, 5, 7);
        }
    }

    @Test
    void namedTuplesAndNamedConstantsAreUsedByTheirPlainNames() {
        TorchScriptArchive archive = TorchScriptArchive.fromResources("Named", List.of("/torchscript/named.py"));
        assertThat(archive.classSource()).startsWith("class Scaled(NamedTuple):")
                .contains("-> __torch__.Scaled:").contains("return __torch__.Scaled(x, 3)").doesNotContain("SCALE");
        try (TensorProgram program = TensorProgram.load(archive); NDManager scope = program.newScope();
             TorchValue x = TensorProgram.longs(scope, new long[] {1, 2, 3}, 3);
             TorchValue s = program.call("scaled", x);
             TorchValue y = program.call("unscaled", s)) {
            assertThat(y.toTensor(scope).toLongArray()).containsExactly(3, 6, 9);
        }
    }
}
