package dev.framewise.app.viewmodel;

import java.nio.file.Path;
import java.util.List;

/**
 * One model the picker offers: a folder found on this machine or a server used before, sized up and judged
 * against this machine's memory as {@code framewise models info} does.
 *
 * @param name      how the user knows it: {@code org/name} for the Hugging Face cache, else the folder's name, or
 *                  the model name a server serves
 * @param folder    the model folder; null for a server
 * @param server    the server and model name; null for a folder
 * @param bytes     size of its files on disk; -1 where unknown (a server)
 * @param family    the model family ("Qwen2.5-VL", "Qwen3-VL"), or a short reason it is unknown
 * @param precision the weights' dtype as stored ("bf16"), "" where unknown
 * @param fit       the verdict in a few words ("fits in RAM", "does not fit")
 * @param verdict   the whole verdict, as {@code framewise models info} prints it
 * @param missing   files the folder lacks (an unfinished download); empty when complete
 */
public record ModelChoice(String name, Source source, Path folder, AppSettings.Server server, long bytes,
                          String family, String precision, String fit, String verdict, List<String> missing) {

    /** Where a model was found, in the picker's order. */
    public enum Source {
        FRAMEWISE("Framewise folder"), USER_FOLDER("your folder"), HUB_CACHE("Hugging Face cache"), SERVER("recent server");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public ModelChoice {
        missing = List.copyOf(missing);
        if ((folder == null) == (server == null)) throw new IllegalArgumentException("a model is a folder or a server");
    }

    /** A server used before: nothing to size, it runs where it is. */
    public static ModelChoice ofServer(AppSettings.Server server) {
        return new ModelChoice(server.model(), Source.SERVER, null, server, -1, "served", "", "runs on the server",
                "runs on the server at " + server.url(), List.of());
    }

    public boolean complete() {
        return missing.isEmpty();
    }

    /** Where it is: the folder, or the server's address. */
    public String location() {
        return folder != null ? folder.toString() : server.url();
    }
}
