package dev.framewise.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.api.EngineException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;

/** Turns what went wrong talking to a server into one {@link EngineException} a user can act on. */
final class RemoteErrors {
    /** Longest piece of a server's error body quoted in a message. */
    private static final int MAX_QUOTE = 600;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RemoteErrors() {
    }

    /** An HTTP error status with its body, in the server's own words where the body has them. */
    static RemoteHttpException forStatus(URI uri, String model, int status, String body) {
        String said = serverMessage(body);
        String quoted = said.isEmpty() ? "" : ": " + said;
        String where = "the server at " + uri;
        String message = switch (status) {
            case 401, 403 -> where + " refused the API key (HTTP " + status + quoted
                    + "). Give the key the server expects (--api-key or FRAMEWISE_REMOTE_API_KEY).";
            case 404 -> where + " has no model '" + model + "' or no such endpoint (HTTP 404" + quoted
                    + "). Check --remote-model against GET /v1/models and that the URL ends in /v1.";
            case 413 -> where + " refused the request as too large (HTTP 413" + quoted
                    + "). Send fewer or smaller images, fewer frames (--nframes, --fps) or fewer pixels (--max-pixels).";
            case 400, 422 -> where + " rejected the request (HTTP " + status + quoted
                    + "). Too many tokens or pixels? Try fewer frames, fewer pixels or fewer --max-tokens.";
            case 429 -> where + " is busy (HTTP 429" + quoted + "). Try again later.";
            default -> status >= 500
                    ? where + " failed (HTTP " + status + quoted + "). See the server's log; the request may be retried."
                    : where + " answered HTTP " + status + quoted;
        };
        return new RemoteHttpException(status, said, message);
    }

    /**
     * The message in an error body: OpenAI's {@code {"error":{"message"}}}, the flat {@code {"message"}} some
     * servers send, FastAPI's {@code {"detail"}}, or the text itself; shortened to a quotable length.
     */
    static String serverMessage(String body) {
        if (body == null || body.isBlank()) return "";
        String text = body.strip();
        try {
            JsonNode node = JSON.readTree(text);
            JsonNode error = node.path("error");
            if (error.isObject() && error.hasNonNull("message")) text = error.get("message").asText();
            else if (error.isTextual()) text = error.asText();
            else if (node.hasNonNull("message")) text = node.get("message").asText();
            else if (node.hasNonNull("detail")) text = node.get("detail").toString();
        } catch (IOException notJson) {
            // plain text or HTML: quote it as it is
        }
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > MAX_QUOTE ? text.substring(0, MAX_QUOTE) + "…" : text;
    }

    /** A failure before any response: no connection, an unknown host, or no answer in time. */
    static EngineException forTransport(URI uri, Throwable cause, Duration connectTimeout, Duration readTimeout) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new EngineException("could not connect to " + uri + " within " + seconds(connectTimeout)
                    + ". Is the host reachable (firewall, VPN)?", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new EngineException("the server at " + uri + " sent no response within " + seconds(readTimeout)
                    + ". It may be overloaded or stuck; raise the read timeout for very long prompts.", cause);
        }
        if (cause instanceof ConnectException || cause.getCause() instanceof ConnectException) {
            return new EngineException("could not connect to " + uri + ": connection refused. Is the server running and"
                    + " listening on that host and port?", cause);
        }
        if (cause instanceof UnresolvedAddressException || cause.getCause() instanceof UnresolvedAddressException) {
            return new EngineException("could not connect to " + uri + ": unknown host '" + uri.getHost() + "'.", cause);
        }
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new EngineException("talking to " + uri + " failed: " + detail, cause);
    }

    /** Whether an HTTP error says the server takes no video (so the frames can be sent as images instead). */
    static boolean rejectsVideo(int status, String serverMessage) {
        if (status != 400 && status != 415 && status != 422 && status != 501) return false;
        return serverMessage.toLowerCase(Locale.ROOT).contains("video");
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
