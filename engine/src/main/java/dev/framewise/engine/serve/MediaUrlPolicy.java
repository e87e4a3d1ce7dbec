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
 * @param lookup       the name service (the system's; tests give one that changes its answer, as a rebinding
 *                     attacker's DNS does)
 */
public record MediaUrlPolicy(boolean remote, Set<String> allowedHosts, HostLookup lookup) {
    public static final MediaUrlPolicy PUBLIC_ONLY = new MediaUrlPolicy(true, Set.of());

    /** Resolves a host name to its addresses. */
    @FunctionalInterface
    public interface HostLookup {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    public MediaUrlPolicy {
        allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public MediaUrlPolicy(boolean remote, Set<String> allowedHosts) {
        this(remote, allowedHosts, InetAddress::getAllByName);
    }

    /**
     * Refuses (403) a URL this server must not fetch by its name alone; {@code field} names the JSON field in the
     * message. The addresses are checked by {@link #addresses} when the download resolves the host.
     */
    void check(URI url, String field) {
        if (!remote) {
            throw ApiError.forbidden(field + ": http(s) media is disabled on this server (--no-remote-media); send the "
                    + "media as a data: URL");
        }
        String host = host(url);
        if (host.isEmpty()) throw ApiError.badRequest(null, field + ": the URL names no host");
        if (!allowedHosts.isEmpty() && !allowedHosts.contains(host)) {
            throw ApiError.forbidden(field + ": this server fetches media only from " + String.join(", ",
                    allowedHosts.stream().sorted().toList()) + " (--allowed-media-hosts), not from " + host);
        }
    }

    /**
     * The addresses of {@code host} a download may connect to: all of them for a listed host, otherwise only
     * when every one is public. The download connects to exactly these (no second lookup an attacker's DNS
     * could answer differently).
     */
    InetAddress[] addresses(String host) throws RefusedHost {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) name = name.substring(1, name.length() - 1);
        InetAddress[] addresses;
        try {
            addresses = lookup.addresses(name);
        } catch (UnknownHostException e) {
            throw new RefusedHost(400, "the host " + name + " is unknown");
        }
        if (allowedHosts.contains(name)) return addresses;
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new RefusedHost(403, name + " is a loopback or private address, which this server does not fetch "
                        + "from; list it in --allowed-media-hosts to allow it");
            }
        }
        return addresses;
    }

    /** A host this server does not fetch from; an UnknownHostException so that it passes through an HTTP client. */
    static final class RefusedHost extends UnknownHostException {
        private final int status;

        RefusedHost(int status, String message) {
            super(message);
            this.status = status;
        }

        ApiError error(String field) {
            String message = field + ": " + getMessage();
            return status == 403 ? ApiError.forbidden(message) : ApiError.badRequest(null, message);
        }
    }

    private static String host(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
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
