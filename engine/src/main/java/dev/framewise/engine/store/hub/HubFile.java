package dev.framewise.engine.store.hub;

/**
 * One file of a Hub repository at a commit, as {@code /api/models/REPO/revision/REV?blobs=true} lists it
 * ({@code siblings[]}: {@code rfilename}, {@code size}, {@code blobId}, {@code lfs.sha256}).
 *
 * @param path      path inside the repository
 * @param size      size in bytes (of the real content, also for LFS files)
 * @param gitBlobId git object id (SHA-1 of {@code "blob SIZE\0" + content}) of the file, or of its LFS pointer
 * @param lfsSha256 SHA-256 of the content for LFS files, null for plain git files
 */
public record HubFile(String path, long size, String gitBlobId, String lfsSha256) {

    public boolean isLfs() {
        return lfsSha256 != null;
    }

    /** The name huggingface_hub gives the blob: the ETag the resolve endpoint returns (LFS sha256 or git id). */
    public String etag() {
        return isLfs() ? lfsSha256 : gitBlobId;
    }
}
