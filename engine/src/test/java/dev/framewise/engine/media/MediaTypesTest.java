package dev.framewise.engine.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MediaTypesTest {

    @Test
    void extensionsNameTheirTypeInAnyCase() {
        assertThat(MediaTypes.ofExtension("JPEG")).contains("image/jpeg");
        assertThat(MediaTypes.ofExtension("m4v")).contains("video/mp4");
        assertThat(MediaTypes.ofExtension("txt")).isEmpty();
    }

    @Test
    void aTypeGetsItsUsualExtensionAndTheUnregisteredJpgAliasWorks() {
        assertThat(MediaTypes.extensionOf("image/jpeg")).contains("jpg");
        assertThat(MediaTypes.extensionOf("image/jpg")).contains("jpg");
        assertThat(MediaTypes.extensionOf("image/tiff")).contains("tiff");
        assertThat(MediaTypes.extensionOf("video/quicktime")).contains("mov");
        assertThat(MediaTypes.extensionOf("application/pdf")).isEmpty();
    }

    @Test
    void everyExtensionRoundTripsToAnExtensionOfTheSameType() {
        for (String extension : MediaTypes.extensions()) {
            String type = MediaTypes.ofExtension(extension).orElseThrow();
            assertThat(MediaTypes.ofExtension(MediaTypes.extensionOf(type).orElseThrow())).contains(type);
        }
    }
}
