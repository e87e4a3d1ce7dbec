package dev.framewise.engine.serve;

/**
 * Text that leaves the server in an error body: printable characters only, bounded in length. Whatever a message
 * holds (a native library's text, a file name, bytes of the client's own input) the client never receives control
 * characters, NULs or more than {@link #MAX_LENGTH} characters of it.
 */
final class ClientText {
    static final int MAX_LENGTH = 1000;

    private ClientText() {
    }

    /** Control, unassigned and lone surrogate characters become one space each run; long text is cut with "…". */
    static String of(String message) {
        if (message == null || message.isBlank()) return "The request failed.";
        StringBuilder out = new StringBuilder(Math.min(message.length(), MAX_LENGTH + 1));
        boolean lastWasSpace = false;
        for (int i = 0; i < message.length() && out.length() < MAX_LENGTH; ) {
            int cp = message.codePointAt(i);
            i += Character.charCount(cp);
            boolean printable = !Character.isISOControl(cp) && Character.isDefined(cp)
                    && Character.getType(cp) != Character.SURROGATE && Character.getType(cp) != Character.PRIVATE_USE
                    && cp != 0xFFFD;
            if (!printable || Character.isWhitespace(cp)) {
                if (!lastWasSpace) out.append(' ');
                lastWasSpace = true;
            } else {
                out.appendCodePoint(cp);
                lastWasSpace = false;
            }
        }
        String text = out.toString().strip();
        if (text.isEmpty()) return "The request failed.";
        return text.length() >= MAX_LENGTH ? text.substring(0, MAX_LENGTH - 1) + "…" : text;
    }
}
