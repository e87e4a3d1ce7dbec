package dev.framewise.engine.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which http(s) media URLs the server fetches for a client, and what its errors give away. */
@Timeout(60)
class MediaUrlPolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String imageQuestion(String url) {
        return "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\""
                + url + "\"}},{\"type\":\"text\",\"text\":\"what\"}]}]}";
    }

    private static String message(OpenAiServer server, String url) throws Exception {
        RawHttp.Reply reply = RawHttp.send(server.port(), "POST", "/v1/chat/completions", imageQuestion(url),
                "Content-Type: application/json");
        assertThat(reply.status()).as(reply.body()).isIn(400, 403);
        return JSON.readTree(reply.body()).at("/error/message").asText();
    }

    @Test
    void loopbackPrivateAndLinkLocalAddressesAreRefusedByDefault() {
        for (String url : new String[] {"http://127.0.0.1:22/", "http://localhost/x.png", "http://10.1.2.3/a.png",
                "http://192.168.0.1/", "http://172.16.5.5/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
                "http://[fd00::1]/", "http://0.0.0.0/", "http://100.64.1.1/"}) {
            assertThatThrownBy(() -> MediaUrlPolicy.PUBLIC_ONLY.addresses(URI.create(url).getHost()))
                    .as(url).isInstanceOfSatisfying(MediaUrlPolicy.RefusedHost.class,
                            e -> assertThat(e.error("messages[0]").status).isEqualTo(403))
                    .hasMessageContaining("--allowed-media-hosts");
        }
        assertThatCode(() -> MediaUrlPolicy.PUBLIC_ONLY.addresses("93.184.215.14")).doesNotThrowAnyException();
    }

    @Test
    void noRemoteMediaRefusesEveryHttpUrlAndAHostListAllowsOnlyItsHosts() {
        MediaUrlPolicy none = new MediaUrlPolicy(false, Set.of());
        assertThatThrownBy(() -> none.check(URI.create("https://93.184.215.14/a.png"), "f")).hasMessageContaining("--no-remote-media");
        MediaUrlPolicy listed = new MediaUrlPolicy(true, Set.of("Media.Example", "127.0.0.1"));
        assertThatCode(() -> listed.check(URI.create("http://127.0.0.1:9000/a.png"), "f")).doesNotThrowAnyException();
        assertThatCode(() -> listed.check(URI.create("http://media.example/a.png"), "f")).doesNotThrowAnyException();
        assertThatThrownBy(() -> listed.check(URI.create("http://93.184.215.14/a.png"), "f"))
                .hasMessageContaining("only from 127.0.0.1, media.example");
    }

    @Test
    void aServerRefusesLocalUrlsAndARedirectCannotLeadThere() throws Exception {
        HttpServer media = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        media.setExecutor(Executors.newSingleThreadExecutor());
        media.createContext("/", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Location", "http://localhost:" + exchange.getLocalAddress().getPort() + "/secret");
                exchange.sendResponseHeaders(302, -1);
            }
        });
        media.start();
        String base = "http://127.0.0.1:" + media.getAddress().getPort();
        EchoBackend backend = new EchoBackend(null);
        try (OpenAiServer plain = OpenAiServer.start(backend, ServeOptions.defaults("tiny").withPort(0));
             OpenAiServer listed = OpenAiServer.start(backend, ServeOptions.defaults("tiny").withPort(0)
                     .withMediaUrls(new MediaUrlPolicy(true, Set.of("127.0.0.1"))))) {
            assertThat(message(plain, base + "/a.png")).contains("loopback or private address");
            assertThat(message(listed, base + "/a.png")).contains("not from localhost");
            assertThat(backend.requests).isEmpty();
        } finally {
            media.stop(0);
        }
    }

    /**
     * DNS rebinding: a name that resolves to a public address when checked and to a loopback one a moment later.
     * The download must connect to the address that was checked, never look the name up again.
     */
    @Test
    void aNameThatRebindsToLoopbackAfterTheCheckIsNeverFetchedFromLoopback() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer local = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        local.createContext("/", exchange -> {
            try (exchange) {
                hits.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
            }
        });
        local.start();
        AtomicInteger lookups = new AtomicInteger();
        MediaUrlPolicy.HostLookup rebinding = host -> new InetAddress[] {lookups.getAndIncrement() == 0
                ? InetAddress.getByAddress(host, new byte[] {(byte) 192, 0, 2, 1}) // TEST-NET-1: public, unreachable
                : InetAddress.getLoopbackAddress()};
        try (OpenAiServer server = OpenAiServer.start(new EchoBackend(null), new ServeOptions("tiny", "127.0.0.1", 0, null,
                1, 4, null, ServeOptions.DEFAULT_MAX_BODY_BYTES, 1000, Duration.ofMillis(400), 16)
                .withMediaUrls(new MediaUrlPolicy(true, Set.of(), rebinding)))) {
            String message = message(server, "http://rebind.example:" + local.getAddress().getPort() + "/a.png");
            assertThat(message).contains("could not download");
            assertThat(lookups.get()).isEqualTo(1);
            assertThat(hits.get()).isZero();
        }
        // and the download really connects through that lookup (the system's DNS knows no rebind.example)
        try (OpenAiServer server = OpenAiServer.start(new EchoBackend(null), ServeOptions.defaults("tiny").withPort(0)
                .withMediaUrls(new MediaUrlPolicy(true, Set.of("rebind.example"), host -> new InetAddress[] {
                        InetAddress.getLoopbackAddress()})))) {
            RawHttp.send(server.port(), "POST", "/v1/chat/completions",
                    imageQuestion("http://rebind.example:" + local.getAddress().getPort() + "/a.png"), "Content-Type: application/json");
            assertThat(hits.get()).isEqualTo(1);
        } finally {
            local.stop(0);
        }
    }

    /** A closed port and an open one that never answers must read alike, or the server is a port scanner. */
    @Test
    void aClosedPortAndASilentOneGiveTheSameMessage() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             OpenAiServer server = OpenAiServer.start(new EchoBackend(null), new ServeOptions("tiny", "127.0.0.1", 0, null,
                     1, 4, null, ServeOptions.DEFAULT_MAX_BODY_BYTES, 1000, Duration.ofMillis(400), 16)
                     .withMediaUrls(new MediaUrlPolicy(true, Set.of("127.0.0.1"))))) {
            String closedMessage = message(server, "http://127.0.0.1:" + closed + "/a.png");
            String silentMessage = message(server, "http://127.0.0.1:" + silent.getLocalPort() + "/a.png");
            assertThat(closedMessage.replace(Integer.toString(closed), "PORT"))
                    .isEqualTo(silentMessage.replace(Integer.toString(silent.getLocalPort()), "PORT"))
                    .contains("could not download");
        }
    }
}
