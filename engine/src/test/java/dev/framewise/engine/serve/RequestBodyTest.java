package dev.framewise.engine.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Bodies the server refuses with a 400 in the API's shape, the busy answer, and the reachable size limit. */
@Timeout(60)
class RequestBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUESTION = "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"is it safe\"}]}";

    private static OpenAiServer start(EchoBackend backend) {
        return OpenAiServer.start(backend, ServeOptions.defaults("tiny").withPort(0));
    }

    private static RawHttp.Reply post(OpenAiServer server, String body) throws Exception {
        return RawHttp.send(server.port(), "POST", "/v1/chat/completions", body, "Content-Type: application/json");
    }

    private static JsonNode error(RawHttp.Reply reply) throws Exception {
        JsonNode error = JSON.readTree(reply.body()).path("error");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(reply.body()).doesNotContain("\tat ", "Exception", "<html");
        return error;
    }

    @Test
    void trailingGarbageAfterTheJsonIs400() throws Exception {
        EchoBackend backend = new EchoBackend(null);
        try (OpenAiServer server = start(backend)) {
            for (String tail : new String[] {" garbage", "{}", "]", "\u0000"}) {
                RawHttp.Reply reply = post(server, QUESTION + tail);
                assertThat(reply.status()).as(tail).isEqualTo(400);
                assertThat(error(reply).path("message").asText()).startsWith("The body is not valid JSON");
            }
            assertThat(post(server, QUESTION + " \n").status()).isEqualTo(200);
            assertThat(backend.requests).hasSize(1);
        }
    }

    @Test
    void booleansMustBeBooleans() throws Exception {
        try (OpenAiServer server = start(new EchoBackend(null))) {
            for (String field : new String[] {"\"stream\":\"yes\"", "\"stream\":1", "\"logprobs\":\"true\"", "\"ignore_eos\":\"no\""}) {
                RawHttp.Reply reply = post(server, QUESTION.replace("{\"model\"", "{" + field + ",\"model\""));
                assertThat(reply.status()).as(field).isEqualTo(400);
                assertThat(error(reply).path("message").asText()).contains("must be true or false");
            }
        }
    }

    @Test
    void hugeOrFractionalMaxTokensIs400() throws Exception {
        try (OpenAiServer server = start(new EchoBackend(null))) {
            for (String value : new String[] {"1e9", "1e30", "99999999999", "-1", "2.5"}) {
                RawHttp.Reply reply = post(server, QUESTION.replace("{\"model\"", "{\"max_tokens\":" + value + ",\"model\""));
                assertThat(reply.status()).as(value).isEqualTo(400);
                error(reply);
            }
        }
    }

    /**
     * What the HTTP layer refuses before any route runs (a Content-Length that is no number, a malformed request
     * line, a header without a colon) is answered in the API's error shape like everything else.
     */
    @Test
    void aMalformedRequestHeadIsRefusedInTheApisErrorShape() throws Exception {
        EchoBackend backend = new EchoBackend(null);
        try (OpenAiServer server = start(backend)) {
            RawHttp.Reply reply = RawHttp.send(server.port(), "POST", "/v1/chat/completions", QUESTION,
                    "Content-Type: application/json", "Content-Length: abc");
            assertThat(reply.status()).isEqualTo(400);
            JsonNode error = new ObjectMapper().readTree(reply.body()).get("error");
            assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.get("code").asText()).isEqualTo("malformed_request");
            assertThat(error.get("message").asText()).startsWith("The request is malformed (").contains("Content-Length");
            for (String head : new String[] {"GARBAGE\r\n\r\n", "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon here\r\n\r\n"}) {
                try (Socket socket = new Socket("127.0.0.1", server.port())) {
                    socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                    String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(raw).as(head).startsWith("HTTP/1.1 400").contains("\"malformed_request\"")
                            .doesNotContain("<html").doesNotContain("\tat ");
                }
            }
            assertThat(backend.requests).isEmpty();
        }
    }

    /** A data URL is decoded into its temporary file as it is read; a broken one is a 400 naming the field. */
    @Test
    void aDataUrlIsDecodedIntoItsFileAndABrokenOneIs400() throws Exception {
        EchoBackend backend = new EchoBackend(null);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
        String good = Base64.getMimeEncoder().encodeToString(png); // with MIME line breaks none here, but allowed
        try (OpenAiServer server = start(backend)) {
            RawHttp.Reply ok = post(server, imageRequest("data:image/png;base64," + good));
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertThat(backend.mediaBytes.get(0)).containsExactly(png);
            RawHttp.Reply broken = post(server, imageRequest("data:image/png;base64,iVBORw0KG"));
            assertThat(broken.status()).isEqualTo(400);
            assertThat(error(broken).path("message").asText())
                    .startsWith("messages[0].content[0].image_url.url: the data URL is not valid base64");
        }
    }

    private static String imageRequest(String url) {
        return "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"" + url + "\"}},{\"type\":\"text\",\"text\":\"what\"}]}]}";
    }

    @Test
    void aBusyServerSays429WithRetryAfterBeforeReadingTheBody() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        EchoBackend backend = new EchoBackend(release);
        ExecutorService clients = Executors.newSingleThreadExecutor();
        try (OpenAiServer server = OpenAiServer.start(backend, ServeOptions.defaults("tiny").withPort(0)
                .withLimits(1, 0, ServeOptions.DEFAULT_MAX_BODY_BYTES))) {
            Future<RawHttp.Reply> first = clients.submit(() -> post(server, QUESTION));
            assertThat(backend.entered.await(10, TimeUnit.SECONDS)).isTrue();
            // declares 100 MiB but sends none of it: only an answer given before reading the body comes back
            RawHttp.Reply refused = RawHttp.send(server.port(), "POST", "/v1/chat/completions", null,
                    "Content-Type: application/json", "Content-Length: " + (100 << 20));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isEqualTo("2");
            assertThat(error(refused).path("type").asText()).isEqualTo("rate_limit_error");
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        } finally {
            clients.shutdownNow();
        }
    }

    /** Jackson's default 20 MB string limit stopped data URLs at about 14 MiB, far below the 128 MiB body limit. */
    @Test
    void aDataUrlOver20MbPassesTheParser() throws Exception {
        EchoBackend backend = new EchoBackend(null);
        byte[] png = new byte[18 << 20];
        png[0] = (byte) 0x89;
        String url = "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        String body = "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"" + url + "\"}},{\"type\":\"text\",\"text\":\"what\"}]}]}";
        try (OpenAiServer server = start(backend)) {
            RawHttp.Reply reply = post(server, body);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(backend.mediaBytes).hasSize(1);
            assertThat(backend.mediaBytes.get(0)).hasSize(18 << 20);
        }
    }
}
