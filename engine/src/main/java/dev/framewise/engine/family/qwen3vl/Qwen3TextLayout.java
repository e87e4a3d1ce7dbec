package dev.framewise.engine.family.qwen3vl;

import dev.framewise.engine.model.DecoderLayout;
import dev.framewise.engine.model.ModelConfig.TextConfig;
import dev.framewise.engine.model.TensorShape;
import dev.framewise.engine.model.WeightNames;

import java.util.ArrayList;
import java.util.List;

/**
 * The Qwen3 decoder of Qwen3-VL for {@code LanguageModel}: q/k/v/o without bias, {@code q_norm}/{@code k_norm} over
 * head_dim, explicit head_dim; the program's entry points are the {@code q3_} functions of qwen3_vl_text.py, whose
 * prefill takes the DeepStack features.
 */
public final class Qwen3TextLayout implements DecoderLayout {
    public static final Qwen3TextLayout INSTANCE = new Qwen3TextLayout();

    private Qwen3TextLayout() {
    }

    /**
     * The Qwen3 language model's tensors with the shapes the config implies (canonical names, see
     * {@link WeightNames}): the model's own three, then each layer's; the load steps ({@code prepare_weights}, then
     * {@code q3_prepare_layer} per layer) look them up by name. lm_head is listed even when tied to the embedding (a
     * checkpoint may then omit it).
     */
    @Override
    public List<TensorShape> tensorShapes(TextConfig c) {
        long h = c.hiddenSize();
        long q = (long) c.numHeads() * c.headDim();
        long kv = c.kvDim();
        long inter = c.intermediateSize();
        List<TensorShape> out = new ArrayList<>();
        out.add(new TensorShape("model.embed_tokens.weight", c.vocabSize(), h));
        out.add(new TensorShape("model.norm.weight", h));
        out.add(new TensorShape("lm_head.weight", c.vocabSize(), h));
        for (int i = 0; i < c.numLayers(); i++) {
            String p = WeightNames.layer(i);
            out.add(new TensorShape(p + "input_layernorm.weight", h));
            out.add(new TensorShape(p + "self_attn.q_proj.weight", q, h));
            out.add(new TensorShape(p + "self_attn.k_proj.weight", kv, h));
            out.add(new TensorShape(p + "self_attn.v_proj.weight", kv, h));
            out.add(new TensorShape(p + "self_attn.o_proj.weight", h, q));
            out.add(new TensorShape(p + "self_attn.q_norm.weight", c.headDim()));
            out.add(new TensorShape(p + "self_attn.k_norm.weight", c.headDim()));
            out.add(new TensorShape(p + "post_attention_layernorm.weight", h));
            out.add(new TensorShape(p + "mlp.gate_proj.weight", inter, h));
            out.add(new TensorShape(p + "mlp.up_proj.weight", inter, h));
            out.add(new TensorShape(p + "mlp.down_proj.weight", h, inter));
        }
        return out;
    }

    /** qkv, o_proj, gate_up and down (see q3_prepare_layer). */
    @Override
    public int matricesPerLayer() {
        return 4;
    }

    @Override
    public String entry(String name) {
        return "q3_" + name;
    }

    @Override
    public boolean takesDeepstack() {
        return true;
    }
}
