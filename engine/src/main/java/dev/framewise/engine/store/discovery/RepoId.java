package dev.framewise.engine.store.discovery;

import java.util.regex.Pattern;

/**
 * A Hugging Face model repository name ({@code org/name}) with an optional revision (branch, tag or commit;
 * {@code main} when not given).
 */
public record RepoId(String repo, String revision) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    public static final String DEFAULT_REVISION = "main";

    public RepoId {
        if (!NAME.matcher(repo).matches() || repo.contains("..")) {
            throw new IllegalArgumentException("'" + repo + "' is not a Hugging Face repository name (org/name)");
        }
        if (revision == null || revision.isBlank()) revision = DEFAULT_REVISION;
        if (revision.contains("..") || revision.startsWith("/")) {
            throw new IllegalArgumentException("'" + revision + "' is not a valid revision");
        }
    }

    /** Parses {@code org/name} or {@code org/name@rev}. */
    public static RepoId parse(String text) {
        int at = text.indexOf('@');
        return at < 0 ? new RepoId(text, DEFAULT_REVISION) : new RepoId(text.substring(0, at), text.substring(at + 1));
    }

    public static boolean looksLikeRepo(String text) {
        int at = text.indexOf('@');
        return NAME.matcher(at < 0 ? text : text.substring(0, at)).matches();
    }

    public static boolean isCommit(String revision) {
        return COMMIT.matcher(revision).matches();
    }

    /** huggingface_hub's {@code repo_folder_name}: {@code models--org--name}. */
    public String cacheFolderName() {
        return "models--" + repo.replace("/", "--");
    }

    @Override
    public String toString() {
        return DEFAULT_REVISION.equals(revision) ? repo : repo + "@" + revision;
    }
}
