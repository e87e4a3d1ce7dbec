/**
 * Downloads from the Hugging Face Hub: {@code HubClient} (listing and fetching a repository's files),
 * {@code BlobDownload} (one resumable file under a lock), {@code ModelDownloader} (a whole model into the
 * Hub cache, with {@code DownloadManifest}, {@code DownloadListener}/{@code DownloadProgress}), and
 * {@code ModelVerifier}, which checks a model folder before it loads (headers, the manifest's sizes and
 * hashes ({@code HubHash}), the tokenizer).
 *
 * <p>May import {@code api}, {@code family}, {@code media}, {@code model}, {@code text}, {@code store} and
 * {@code store.discovery} (where a download lands). Must not import {@code store.sizing},
 * {@code store.device}, {@code torch}, {@code generate}, {@code embedded} or {@code serve}.
 */
package dev.framewise.engine.store.hub;
