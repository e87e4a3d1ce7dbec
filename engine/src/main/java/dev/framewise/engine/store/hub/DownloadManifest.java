package dev.framewise.engine.store.hub;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Written into a snapshot folder after every file of a pull was verified and linked: it is the completion
 * marker (a folder without it was not finished by Framewise) and keeps each file's size and hash so that
 * {@code framewise models verify} can check them later.
 */
public record DownloadManifest(@JsonProperty("repo") String repo,
                               @JsonProperty("revision") String revision,
                               @JsonProperty("commit") String commit,
                               @JsonProperty("endpoint") String endpoint,
                               @JsonProperty("files") List<Entry> files) {
    public static final String FILE_NAME = ".framewise-download.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** @param sha256 content SHA-256 for LFS files; @param gitBlobId for plain git files (one of them is null) */
    public record Entry(@JsonProperty("path") String path, @JsonProperty("size") long size,
                        @JsonProperty("sha256") String sha256, @JsonProperty("git_blob_id") String gitBlobId) {
        static Entry of(HubFile f) {
            return new Entry(f.path(), f.size(), f.lfsSha256(), f.isLfs() ? null : f.gitBlobId());
        }

        HubFile asHubFile() {
            return new HubFile(path, size, gitBlobId, sha256);
        }
    }

    public DownloadManifest {
        files = List.copyOf(files);
    }

    public static Optional<DownloadManifest> read(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        return Files.isRegularFile(file) ? Optional.of(JSON.readValue(file.toFile(), DownloadManifest.class))
                : Optional.empty();
    }

    void write(Path folder) throws IOException {
        Path tmp = folder.resolve(FILE_NAME + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, folder.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
