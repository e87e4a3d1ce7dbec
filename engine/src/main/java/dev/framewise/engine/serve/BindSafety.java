package dev.framewise.engine.serve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Whether a bind address exposes the model to other machines without a key. */
public final class BindSafety {
    private BindSafety() {
    }

    /** The warning to print before serving on {@code host}, if any: a non-loopback address without an API key. */
    public static Optional<String> warning(String host, String apiKey) {
        if (apiKey != null || isLoopback(host)) return Optional.empty();
        return Optional.of("serving on " + host + " without an API key: anyone who can reach this machine can use the model"
                + " and read media under --allow-media-root. Give --api-key KEY, or bind 127.0.0.1.");
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
