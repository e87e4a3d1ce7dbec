package dev.framewise.engine.gpu;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A CUDA version such as 12.8, ordered, as nvidia-smi prints it ("CUDA Version: 12.8"). */
public record CudaVersion(int major, int minor) implements Comparable<CudaVersion> {
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");

    public static Optional<CudaVersion> parse(String text) {
        Matcher m = VERSION.matcher(text == null ? "" : text.trim());
        return m.lookingAt() ? Optional.of(new CudaVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
                : Optional.empty();
    }

    /** DJL's flavour name for builds against this version: 12.8 is {@code cu128}. */
    public String flavor() {
        return "cu" + major + minor;
    }

    @Override
    public int compareTo(CudaVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
