package dev.framewise.engine.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Which build this is: version, commit and build date, as the build wrote them into build.properties. */
public record BuildInfo(String version, String commit, String built) {
    private static final String UNKNOWN = "unknown";

    public static BuildInfo current() {
        Properties build = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/dev/framewise/engine/build.properties")) {
            if (in != null) build.load(in);
        } catch (IOException e) {
            // An unreadable resource leaves the fields unknown; the version line still prints.
        }
        return new BuildInfo(known(build.getProperty("version")), known(build.getProperty("commit")), known(build.getProperty("built")));
    }

    /** "framewise 0.1.0 (commit 1a2b3c4, built 2026-12-05)". */
    public String line() {
        return "framewise " + version + " (commit " + commit + ", built " + built + ")";
    }

    /** An unfiltered placeholder (a build outside a git checkout) reads as unknown. */
    private static String known(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value;
    }
}
