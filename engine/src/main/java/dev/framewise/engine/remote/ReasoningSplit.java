package dev.framewise.engine.remote;

/** PROVISIONAL until the reasoning parser lands: the reasoning and the answer of a Cosmos-Reason style text. */
record ReasoningSplit(String reasoning, String answer) {
    static ReasoningSplit of(String text) {
        int think = text.indexOf("<think>");
        if (think < 0) return new ReasoningSplit("", answer(text));
        int end = text.indexOf("</think>", think);
        String reasoning = end < 0 ? text.substring(think + 7) : text.substring(think + 7, end);
        String rest = end < 0 ? "" : text.substring(end + 8);
        return new ReasoningSplit(reasoning.strip(), answer(rest));
    }

    private static String answer(String text) {
        int open = text.indexOf("<answer>");
        if (open < 0) return text.strip();
        int close = text.indexOf("</answer>", open);
        return (close < 0 ? text.substring(open + 8) : text.substring(open + 8, close)).strip();
    }
}
