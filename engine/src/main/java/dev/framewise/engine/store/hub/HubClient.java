package dev.framewise.engine.store.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.store.discovery.RepoId;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The two Hugging Face Hub HTTP endpoints a download needs: the revision listing
 * ({@code GET /api/models/REPO/revision/REV?blobs=true}) and file content
 * ({@code GET /REPO/resolve/COMMIT/FILE}, with a {@code Range} header to resume). Redirects are followed here,
 * not by the HTTP client, so the token is sent to the Hub's own host only, never to the CDN it redirects to
 * (as huggingface_hub does). The token is never logged nor part of any message.
 */
public final class HubClient {
    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");
    private static final int MAX_REDIRECTS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    private final URI endpoint;
    private final String token;
    private final HttpClient http;

    /** @param token a Hugging Face access token, or null for anonymous access */
    public HubClient(URI endpoint, String token) {
        this.endpoint = stripTrailingSlash(endpoint);
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
    }

    /**
     * huggingface_hub's settings: {@code HF_ENDPOINT} (a mirror), {@code HF_TOKEN}, else the token file
     * ({@code HF_TOKEN_PATH}, else {@code HF_HOME/token}, else {@code ~/.cache/huggingface/token}).
     */
    public static HubClient fromEnvironment(Map<String, String> env, Path home) {
        String ep = env.get("HF_ENDPOINT");
        URI endpoint = ep == null || ep.isBlank() ? DEFAULT_ENDPOINT : URI.create(ep.strip());
        return new HubClient(endpoint, tokenFrom(env, home));
    }

    private static String tokenFrom(Map<String, String> env, Path home) {
        for (String key : List.of("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN")) {
            String t = env.get(key);
            if (t != null && !t.isBlank()) return t;
        }
        Path tokenFile;
        if (env.get("HF_TOKEN_PATH") != null) tokenFile = Path.of(env.get("HF_TOKEN_PATH"));
        else if (env.get("HF_HOME") != null) tokenFile = Path.of(env.get("HF_HOME"), "token");
        else tokenFile = home.resolve(".cache").resolve("huggingface").resolve("token");
        try {
            return Files.isRegularFile(tokenFile) ? Files.readString(tokenFile).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The same credentials against another endpoint (a mirror given on the command line). */
    public HubClient withEndpoint(URI other) {
        return new HubClient(other, token);
    }

    public URI endpoint() {
        return endpoint;
    }

    public boolean hasToken() {
        return token != null;
    }

    /** The commit a revision points at and the files of the repository there. */
    public record Listing(String commit, List<HubFile> files) {
        public long totalBytes() {
            return files.stream().mapToLong(HubFile::size).sum();
        }
    }

    /** huggingface_hub {@code HfApi.model_info(repo, revision, files_metadata=True)}. */
    public Listing listing(RepoId id) {
        URI uri = URI.create(endpoint + "/api/models/" + id.repo() + "/revision/" + encodeSegment(id.revision())
                + "?blobs=true");
        HttpResponse<InputStream> response = send(uri, null, id, null);
        JsonNode body;
        try (InputStream in = response.body()) {
            body = JSON.readTree(in);
        } catch (IOException e) {
            throw new DownloadException(DownloadException.Reason.NETWORK,
                    "the file list of " + id + " from " + endpoint + " could not be read: " + e.getMessage(), e);
        }
        String commit = body.path("sha").asText("");
        if (!RepoId.isCommit(commit) || !body.path("siblings").isArray()) {
            throw new DownloadException(DownloadException.Reason.OTHER, endpoint + " answered for " + id
                    + " without a commit or file list: is HF_ENDPOINT a Hugging Face Hub?");
        }
        List<HubFile> files = new ArrayList<>();
        for (JsonNode sibling : body.path("siblings")) {
            JsonNode lfs = sibling.path("lfs");
            String sha256 = lfs.isObject() ? lfs.path("sha256").asText(null) : null;
            long size = lfs.isObject() && lfs.has("size") ? lfs.path("size").asLong() : sibling.path("size").asLong(-1);
            String blobId = sibling.path("blobId").asText(null);
            if (size < 0 || (sha256 == null && blobId == null)) {
                throw new DownloadException(DownloadException.Reason.OTHER, endpoint + " listed "
                        + sibling.path("rfilename").asText("?") + " of " + id + " without size or blob id");
            }
            String path = sibling.path("rfilename").asText("");
            if (!safeRelativePath(path) || !HASH.matcher(sha256 != null ? sha256 : blobId).matches()) {
                throw new DownloadException(DownloadException.Reason.OTHER, endpoint + " listed a file of " + id
                        + " with an unsafe name or hash ('" + path + "'); refusing to write it");
            }
            files.add(new HubFile(path, size, blobId, sha256));
        }
        return new Listing(commit, List.copyOf(files));
    }

    /** An open file download: {@code offset} is where the body starts (0 when the server ignored the Range). */
    public record Content(InputStream body, long offset) {
    }

    /** huggingface_hub {@code http_get}: the file's bytes from {@code offset} on (a Range request when > 0). */
    public Content open(RepoId id, String commit, String path, long offset) {
        URI uri = URI.create(endpoint + "/" + id.repo() + "/resolve/" + commit + "/" + encodePath(path));
        HttpResponse<InputStream> response = send(uri, offset > 0 ? "bytes=" + offset + "-" : null, id, path);
        return new Content(response.body(), response.statusCode() == 206 ? offset : 0);
    }

    private HttpResponse<InputStream> send(URI uri, String range, RepoId id, String file) {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            // The timeout covers waiting for the response headers; a stalled body is BlobDownload's watch's job.
            HttpRequest.Builder request = HttpRequest.newBuilder(current).GET().timeout(Duration.ofSeconds(60))
                    .header("User-Agent", "framewise/0.1; java/" + Runtime.version().feature());
            if (range != null) request.header("Range", range);
            if (token != null && sameHost(current, endpoint)) request.header("Authorization", "Bearer " + token);
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new DownloadException(DownloadException.Reason.NETWORK, "cannot reach " + endpoint + " ("
                        + describe(e) + "): check the network connection, or set HF_ENDPOINT to a reachable mirror", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadException(DownloadException.Reason.CANCELLED, "download of " + id + " interrupted", e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                closeQuietly(response.body());
                current = current.resolve(response.headers().firstValue("Location").get());
                continue;
            }
            if (status == 200 || status == 206) return response;
            closeQuietly(response.body());
            throw errorFor(status, response.headers().firstValue("X-Error-Code").orElse(""), id, file);
        }
        throw new DownloadException(DownloadException.Reason.OTHER, "too many redirects fetching " + uri);
    }

    /** huggingface_hub {@code hf_raise_for_status}: the X-Error-Code header tells gated, missing repo, revision or file. */
    private DownloadException errorFor(int status, String errorCode, RepoId id, String file) {
        String what = file == null ? id.toString() : file + " of " + id;
        if ("GatedRepo".equals(errorCode) || ((status == 401 || status == 403) && !"RepoNotFound".equals(errorCode))) {
            String message = token == null
                    ? id.repo() + ": this model is gated: accept its licence on Hugging Face and set HF_TOKEN"
                    : id.repo() + ": access refused with the HF_TOKEN given (HTTP " + status + "): accept the model's "
                    + "licence on Hugging Face with the account that owns this token, or check the token";
            return new DownloadException(DownloadException.Reason.GATED, message);
        }
        if (status == 404 || "RepoNotFound".equals(errorCode)) {
            String message = switch (errorCode) {
                case "RevisionNotFound" -> "revision '" + id.revision() + "' of " + id.repo() + " does not exist on "
                        + endpoint;
                case "EntryNotFound" -> what + " does not exist on " + endpoint;
                default -> "repository " + id.repo() + " was not found on " + endpoint
                        + (token == null ? " (if it is private, set HF_TOKEN)" : "") + ": check the name";
            };
            return new DownloadException(DownloadException.Reason.NOT_FOUND, message);
        }
        return new DownloadException(status >= 500 ? DownloadException.Reason.NETWORK : DownloadException.Reason.OTHER,
                endpoint + " answered HTTP " + status + " for " + what + (status >= 500 ? ": try again later" : ""));
    }

    /** File names come from the server: they must stay inside the snapshot folder. */
    static boolean safeRelativePath(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains(":")) return false;
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) return false;
        }
        return true;
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    private static boolean sameHost(URI a, URI b) {
        return Objects.equals(a.getHost(), b.getHost()) && a.getPort() == b.getPort();
    }

    private static URI stripTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }

    /** huggingface_hub quotes the revision with no safe characters ({@code refs/pr/1} → {@code refs%2Fpr%2F1}). */
    private static String encodeSegment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodePath(String path) {
        String[] parts = path.split("/");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) b.append(i == 0 ? "" : "/").append(encodeSegment(parts[i]));
        return b.toString();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the response is discarded either way
        }
    }
}
