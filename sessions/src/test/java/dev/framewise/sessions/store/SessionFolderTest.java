package dev.framewise.sessions.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SessionFolderTest {

    @Test
    void linuxFollowsXdgDataHome() {
        assertThat(SessionFolder.resolve(null, Map.of("XDG_DATA_HOME", "/data/ana"), "Linux", "/home/ana"))
                .isEqualTo(Path.of("/data/ana/framewise/sessions"));
        assertThat(SessionFolder.resolve(null, Map.of(), "Linux", "/home/ana"))
                .isEqualTo(Path.of("/home/ana/.local/share/framewise/sessions"));
        assertThat(SessionFolder.resolve(null, Map.of("XDG_DATA_HOME", "relative/ignored"), "Linux", "/home/ana"))
                .isEqualTo(Path.of("/home/ana/.local/share/framewise/sessions"));
    }

    @Test
    void windowsAndMacUseTheirApplicationDataFolders() {
        assertThat(SessionFolder.resolve(null, Map.of("APPDATA", "/users/ana/AppData/Roaming"), "Windows 11", "/users/ana"))
                .isEqualTo(Path.of("/users/ana/AppData/Roaming", "Framewise", "sessions"));
        assertThat(SessionFolder.resolve(null, Map.of(), "Mac OS X", "/Users/ana"))
                .isEqualTo(Path.of("/Users/ana/Library/Application Support/Framewise/sessions"));
    }

    @Test
    void propertyThenEnvironmentOverride() {
        assertThat(SessionFolder.resolve("/p", Map.of(SessionFolder.ENV, "/e"), "Linux", "/h")).isEqualTo(Path.of("/p"));
        assertThat(SessionFolder.resolve(null, Map.of(SessionFolder.ENV, "/e"), "Linux", "/h")).isEqualTo(Path.of("/e"));
    }
}
