package dev.framewise.engine.serve;

import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Keeps web pages from driving the server through the user's browser. Without it any page the user visits could
 * POST a {@code text/plain} "simple request" (no CORS preflight) to {@code http://127.0.0.1:8000} and, through
 * DNS rebinding, even read the answers about files under {@code --allow-media-root}.
 *
 * <ul>
 *   <li>{@code Host}: an IP literal, {@code localhost}, or the host the server was bound to by name. A rebinding
 *       page sends its own domain name, which is refused; non-browser clients send what they connected to.</li>
 *   <li>{@code Origin} (browsers send it on cross-origin requests, never other clients): refused unless
 *       {@code --allowed-origins} lists it; those get CORS headers and a proper preflight answer.</li>
 *   <li>A POST body must be declared {@code application/json}: a form or {@code text/plain} post is refused.</li>
 * </ul>
 */
final class CrossSiteGuard {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final String boundHost;
    private final Set<String> allowedOrigins;

    /** @param allowedOrigins exact origins ({@code scheme://host[:port]}), or {@code *} for any */
    CrossSiteGuard(String boundHost, Set<String> allowedOrigins) {
        this.boundHost = boundHost.toLowerCase(Locale.ROOT);
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /** Refuses a request whose Host or Origin says it comes from a web page that is not allowed. */
    void check(UnaryOperator<String> headers) {
        String host = headers.apply("Host");
        if (host == null || !hostAllowed(host)) {
            throw ApiError.forbidden("Host '" + (host == null ? "" : host) + "' is not this server: use its address "
                    + "(127.0.0.1 or localhost) in the URL.");
        }
        String origin = headers.apply("Origin");
        if (origin != null && !originAllowed(origin)) {
            throw ApiError.forbidden("Requests from web pages at " + origin + " are refused; start the server with "
                    + "--allowed-origins " + origin + " to allow that page.");
        }
    }

    /** The value of {@code Access-Control-Allow-Origin} for a request, or null when it needs none. */
    String allowOrigin(UnaryOperator<String> headers) {
        String origin = headers.apply("Origin");
        return origin != null && originAllowed(origin) ? origin : null;
    }

    /** Refuses a body that is not declared JSON (what a cross-site form or text/plain post would be). */
    static void requireJson(UnaryOperator<String> headers) {
        String type = headers.apply("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            throw new ApiError(415, "invalid_request_error", "unsupported_media_type", "Send the body as JSON with "
                    + "'Content-Type: application/json'" + (type == null ? "." : ", not '" + type + "'."));
        }
    }

    private boolean originAllowed(String origin) {
        return allowedOrigins.contains("*") || allowedOrigins.contains(origin.strip().toLowerCase(Locale.ROOT));
    }

    boolean hostAllowed(String hostHeader) {
        String host = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) return host.indexOf(']') > 0; // an IPv6 literal
        int colon = host.lastIndexOf(':');
        if (colon >= 0) host = host.substring(0, colon);
        return host.equals("localhost") || host.endsWith(".localhost") || IPV4.matcher(host).matches()
                || host.equals(boundHost);
    }
}
