package dev.framewise.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/** A second launch in its own process, as the launcher makes it: exit 0 when the files were handed over. */
public final class SecondLaunch {
    private SecondLaunch() {
    }

    public static void main(String[] args) throws Exception {
        var files = Arrays.stream(args).skip(1).map(Path::of).toList();
        var instance = SingleInstance.claim(Path.of(args[0]), files, Duration.ofSeconds(10));
        System.exit(instance.isEmpty() ? 0 : 3);
    }
}
