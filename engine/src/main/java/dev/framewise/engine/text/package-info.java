/**
 * Text in and out of the model: the Hugging Face tokenizer, the chat template (Jinja), vision pad expansion,
 * streaming detokenization, the {@code --messages} file format and the Cosmos-Reason prompt texts.
 *
 * <p>May import {@code api}. Must not import {@code model}, {@code generate} or the front ends; its one import of
 * {@code cli} ({@code NativeSetup}) goes away when the command line moves out of the engine.
 */
package dev.framewise.engine.text;
