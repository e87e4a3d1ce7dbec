package dev.framewise.engine.serve;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which http(s) media URLs the server fetches for its clients. A server that fetches any URL lets whoever reaches it
 * read services that only the server's machine can see (a router page, a cloud metadata endpoint, a local admin
 * port) and probe which local ports are open. So by default only public addresses are fetched; loopback, private,
 * link-local and unique-local addresses are refused, unless their host is listed in {@code allowedHosts}.
 *
 * @param remote       false: no http(s) media at all ({@code --no-remote-media})
 * @param allowedHosts when not empty, the only hosts fetched from (private ones included); lower case
 */
public record MediaUrlPolicy(boolean remote, Set<String> allowedHosts) {
    public static final MediaUrlPolicy PUBLIC_ONLY = new MediaUrlPolicy(true, Set.of());

    public MediaUrlPolicy {
        allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Refuses (403) a URL this server must not fetch; {@code field} names the JSON field in the message. */
    void check(URI url, String field) {
        if (!remote) {
            throw ApiError.forbidden(field + ": http(s) media is disabled on this server (--no-remote-media); send the "
                    + "media as a data: URL");
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (host.isEmpty()) throw ApiError.badRequest(null, field + ": the URL names no host");
        if (!allowedHosts.isEmpty()) {
            if (!allowedHosts.contains(host)) {
                throw ApiError.forbidden(field + ": this server fetches media only from " + String.join(", ",
                        allowedHosts.stream().sorted().toList()) + " (--allowed-media-hosts), not from " + host);
            }
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw ApiError.badRequest(null, field + ": the host " + host + " is unknown");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw ApiError.forbidden(field + ": " + host + " is a loopback or private address, which this server "
                        + "does not fetch from; list it in --allowed-media-hosts to allow it");
            }
        }
    }

    static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) return (b[0] & 0xFE) != 0xFC; // fc00::/7 unique local
        int first = b[0] & 0xFF;
        int second = b[1] & 0xFF;
        return !(first == 100 && second >= 64 && second < 128) // 100.64.0.0/10 carrier-grade NAT
                && first != 0 && !(first == 198 && (second == 18 || second == 19)); // 0/8, 198.18/15 benchmarking
    }
}
