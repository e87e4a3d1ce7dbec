package dev.framewise.engine.serve;

import dev.framewise.engine.api.FinishReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that go away or stall: a non-streamed request whose client disconnects stops its generation (as a
 * stream's does), and a body shorter than its Content-Length does not hold the connection for long.
 */
@Timeout(60)
class ClientGoneTest {
    private static final String WORDS = "one two three four five six seven eight nine ten eleven twelve thirteen "
            + "fourteen fifteen sixteen seventeen eighteen nineteen twenty";

    @Test
    void aNonStreamingClientThatDisconnectsCancelsItsGeneration() throws Exception {
        EchoBackend slow = new EchoBackend(null, 400); // 20 tokens: 8 s if nobody stops it
        try (OpenAiServer server = OpenAiServer.start(slow, ServeOptions.defaults("tiny").withPort(0))) {
            String body = "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"" + WORDS + "\"}]}";
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                InputStream in = socket.getInputStream();
                assertThat(in.read()).isEqualTo('H'); // the response has begun: "HTTP/1.1 200", then heartbeats
            } // the client goes away mid-answer
            while (slow.finishes.isEmpty()) Thread.sleep(20);
            // noticed at a heartbeat's failed write, before the last of the 20 tokens
            assertThat(slow.finishes).containsExactly(FinishReason.CANCELLED);
        }
    }

    @Test
    void aWholeAnswerAfterHeartbeatsIsStillOneJsonObject() throws Exception {
        EchoBackend slow = new EchoBackend(null, 150);
        try (OpenAiServer server = OpenAiServer.start(slow, ServeOptions.defaults("tiny").withPort(0))) {
            RawHttp.Reply reply = RawHttp.send(server.port(), "POST", "/v1/chat/completions",
                    "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"" + WORDS + "\"}]}",
                    "Content-Type: application/json");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).startsWith(" "); // the heartbeats, which JSON readers skip as whitespace
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(reply.body())
                    .at("/choices/0/message/content").asText()).isEqualTo(WORDS);
        }
    }

    @Test
    void aBodyShorterThanItsContentLengthIsRefusedAfterTheRequestTimeout() throws Exception {
        EchoBackend backend = new EchoBackend(null);
        try (OpenAiServer server = OpenAiServer.start(backend, ServeOptions.defaults("tiny").withPort(0));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            startThousandByteBody(socket, "{\"model\":");
            long start = System.nanoTime();
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // until closed
            double waited = (System.nanoTime() - start) / 1e9;
            assertThat(reply).startsWith("HTTP/1.1 408").contains("\"code\":\"request_timeout\"");
            // the test JVM runs with framewise.serve.requestTimeout=5 (engine/pom.xml); serve's default is 60 s
            assertThat(waited).isBetween(3.0, 12.0);
            assertThat(backend.requests).isEmpty();
        }
    }

    /** A body that keeps coming, but too slowly to be whole in twice the timeout, is cut off then. */
    @Test
    void aBodyTrickledSlowerThanTheDeadlineIsCutOff() throws Exception {
        EchoBackend backend = new EchoBackend(null);
        try (OpenAiServer server = OpenAiServer.start(backend, ServeOptions.defaults("tiny").withPort(0));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = startThousandByteBody(socket, "");
            long start = System.nanoTime();
            double waited = -1;
            for (int i = 0; i < 40 && waited < 0; i++) {
                try {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(1000);
                } catch (java.io.IOException closed) {
                    waited = (System.nanoTime() - start) / 1e9;
                }
            }
            assertThat(waited).as("seconds until the server closed the connection").isBetween(8.0, 16.0);
            assertThat(backend.requests).isEmpty();
        }
    }

    /** Sends the head of a chat request declaring a 1,000-byte body, and {@code start} of that body. */
    private static OutputStream startThousandByteBody(Socket socket, String start) throws java.io.IOException {
        socket.setSoTimeout(50_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000\r\n\r\n" + start).getBytes(StandardCharsets.UTF_8));
        out.flush();
        return out;
    }
}
