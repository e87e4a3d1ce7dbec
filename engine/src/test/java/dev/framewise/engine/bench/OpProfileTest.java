package dev.framewise.engine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Self time per operator from a Chrome trace: a parent's time less its children's, summed over calls. */
class OpProfileTest {

    @Test
    void selfTimeLeavesOutNestedCallsAndCallsKeepTheirOrder() throws Exception {
        // linear [0, 100) calls addmm [10, 90); attention [100, 150) calls flash [105, 145); attention again
        // [200, 260) with flash [201, 259); an instant event and another thread's op
        String trace = """
                [{"name":"aten::linear","ph":"X","ts":0,"dur":100,"tid":1},
                 {"name":"aten::addmm","ph":"X","ts":10,"dur":80,"tid":1},
                 {"name":"aten::scaled_dot_product_attention","ph":"X","ts":100,"dur":50,"tid":1},
                 {"name":"aten::_scaled_dot_product_flash_attention_for_cpu","ph":"X","ts":105,"dur":40,"tid":1},
                 {"name":"aten::scaled_dot_product_attention","ph":"X","ts":200,"dur":60,"tid":1},
                 {"name":"aten::_scaled_dot_product_flash_attention_for_cpu","ph":"X","ts":201,"dur":58,"tid":1},
                 {"name":"marker","ph":"i","ts":5,"tid":1},
                 {"name":"aten::add","ph":"X","ts":0,"dur":30,"tid":2}]
                """;
        OpProfile p = OpProfile.of(new ObjectMapper().readTree(trace));
        assertThat(p.ops()).extracting(OpProfile.Op::name).containsExactly("aten::_scaled_dot_product_flash_attention_for_cpu",
                "aten::addmm", "aten::add", "aten::linear", "aten::scaled_dot_product_attention");
        OpProfile.Op flash = p.ops().get(0);
        assertThat(flash.calls()).isEqualTo(2);
        assertThat(flash.selfMs()).isCloseTo(0.098, within(1e-9));
        OpProfile.Op attention = p.ops().get(4);
        assertThat(attention.selfMs()).isCloseTo(0.012, within(1e-9));
        assertThat(attention.totalMs()).isCloseTo(0.110, within(1e-9));
        assertThat(p.ops().get(3).selfMs()).isCloseTo(0.020, within(1e-9)); // linear less addmm
        assertThat(p.selfMs()).isCloseTo(0.240, within(1e-9)); // busy 210 µs on thread 1, 30 on thread 2
        assertThat(p.callsMs("aten::scaled_dot_product_attention")).containsExactly(0.050, 0.060);
        assertThat(p.callsMs("nothing")).isEmpty();
    }
}
