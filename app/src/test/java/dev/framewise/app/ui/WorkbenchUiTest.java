package dev.framewise.app.ui;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/** A TestFX test of the workbench window: a temp folder, fresh preferences, and the window closed after each test. */
abstract class WorkbenchUiTest {
    @TempDir
    Path dir;
    WorkbenchHarness harness;
    final Preferences prefs = WorkbenchHarness.freshPrefs();
    private final List<Preferences> morePrefs = new ArrayList<>();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeWindow() throws Exception {
        if (harness != null) harness.close();
        WorkbenchHarness.removePrefs(prefs);
        morePrefs.forEach(WorkbenchHarness::removePrefs);
    }

    /** Another set of fresh preferences (a window of its own), removed after the test as {@link #prefs} is. */
    Preferences morePrefs() {
        Preferences p = WorkbenchHarness.freshPrefs();
        morePrefs.add(p);
        return p;
    }
}
