package dev.framewise.engine.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keyless server cannot be driven by a web page: a foreign Host (DNS rebinding), a browser Origin that is not
 * allowed, or a body not declared JSON (a "simple" cross-site POST) are refused before anything runs.
 */
@Timeout(30)
class CrossSiteRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUESTION = "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"is it safe\"}]}";

    private static OpenAiServer start(EchoBackend backend, Set<String> origins) {
        return OpenAiServer.start(backend, ServeOptions.defaults("tiny").withPort(0).withAllowedOrigins(origins));
    }

    private static String code(RawHttp.Reply reply) throws Exception {
        JsonNode error = JSON.readTree(reply.body()).path("error");
        assertThat(error.path("message").asText()).isNotBlank();
        return error.path("code").asText();
    }

    @Test
    void theIssuesAttackIsRefusedAndNothingRuns() throws Exception {
        EchoBackend backend = new EchoBackend(null);
        try (OpenAiServer server = start(backend, Set.of())) {
            RawHttp.Reply reply = RawHttp.send(server.port(), "POST", "/v1/chat/completions", QUESTION,
                    "Host: attacker.example", "Origin: http://attacker.example", "Content-Type: text/plain");
            assertThat(reply.status()).isEqualTo(403);
            assertThat(code(reply)).isEqualTo("forbidden");
            assertThat(backend.requests).isEmpty();
        }
    }

    @Test
    void aForeignHostIsRefusedLoopbackNamesAndAddressesAreNot() throws Exception {
        EchoBackend backend = new EchoBackend(null);
        try (OpenAiServer server = start(backend, Set.of())) {
            int port = server.port();
            RawHttp.Reply rebound = RawHttp.send(port, "POST", "/v1/chat/completions", QUESTION,
                    "Host: rebind.attacker.example:" + port, "Content-Type: application/json");
            assertThat(rebound.status()).isEqualTo(403);
            assertThat(JSON.readTree(rebound.body()).at("/error/message").asText()).contains("rebind.attacker.example");
            assertThat(RawHttp.send(port, "GET", "/health", null, "Host: evil.example").status()).isEqualTo(403);
            for (String host : new String[] {"127.0.0.1:" + port, "localhost:" + port, "localhost", "[::1]:" + port, "192.168.1.20:" + port}) {
                RawHttp.Reply ok = RawHttp.send(port, "POST", "/v1/chat/completions", QUESTION, "Host: " + host,
                        "Content-Type: application/json");
                assertThat(ok.status()).as(host).isEqualTo(200);
            }
            assertThat(backend.requests).hasSize(5);
        }
    }

    @Test
    void aBrowserOriginIsRefusedUnlessAllowed() throws Exception {
        EchoBackend backend = new EchoBackend(null);
        try (OpenAiServer server = start(backend, Set.of("http://localhost:3000"))) {
            int port = server.port();
            RawHttp.Reply other = RawHttp.send(port, "POST", "/v1/chat/completions", QUESTION,
                    "Origin: http://attacker.example", "Content-Type: application/json");
            assertThat(other.status()).isEqualTo(403);
            assertThat(JSON.readTree(other.body()).at("/error/message").asText()).contains("--allowed-origins");
            assertThat(other.header("Access-Control-Allow-Origin")).isNull();
            RawHttp.Reply allowed = RawHttp.send(port, "POST", "/v1/chat/completions", QUESTION,
                    "Origin: http://localhost:3000", "Content-Type: application/json");
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
            assertThat(allowed.header("Vary")).isEqualTo("Origin");
            assertThat(backend.requests).hasSize(1);
        }
    }

    @Test
    void preflightsAreAnsweredForAllowedOriginsOnly() throws Exception {
        try (OpenAiServer server = start(new EchoBackend(null), Set.of("https://app.example"))) {
            int port = server.port();
            RawHttp.Reply ok = RawHttp.send(port, "OPTIONS", "/v1/chat/completions", null, "Origin: https://app.example",
                    "Access-Control-Request-Method: POST", "Access-Control-Request-Headers: content-type, authorization");
            assertThat(ok.status()).isEqualTo(204);
            assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
            assertThat(ok.header("Access-Control-Allow-Methods")).isEqualTo("POST, OPTIONS");
            assertThat(ok.header("Access-Control-Allow-Headers")).isEqualTo("Authorization, Content-Type");
            RawHttp.Reply refused = RawHttp.send(port, "OPTIONS", "/v1/chat/completions", null,
                    "Origin: https://other.example", "Access-Control-Request-Method: POST");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
        }
    }

    @Test
    void aBodyNotDeclaredJsonIs415() throws Exception {
        EchoBackend backend = new EchoBackend(null);
        try (OpenAiServer server = start(backend, Set.of())) {
            for (String type : new String[] {"Content-Type: text/plain", "Content-Type: application/x-www-form-urlencoded",
                    "Content-Type: multipart/form-data; boundary=x"}) {
                RawHttp.Reply reply = RawHttp.send(server.port(), "POST", "/v1/chat/completions", QUESTION, type);
                assertThat(reply.status()).as(type).isEqualTo(415);
                assertThat(code(reply)).isEqualTo("unsupported_media_type");
            }
            assertThat(RawHttp.send(server.port(), "POST", "/v1/chat/completions", QUESTION).status()).isEqualTo(415);
            assertThat(RawHttp.send(server.port(), "POST", "/v1/chat/completions", QUESTION,
                    "Content-Type: application/json; charset=utf-8").status()).isEqualTo(200);
            assertThat(backend.requests).hasSize(1);
        }
    }
}
