package dev.framewise.app.view;

import dev.framewise.app.UiResources;
import dev.framewise.app.view.lab.LabView;
import dev.framewise.app.viewmodel.AppSettings;
import dev.framewise.app.viewmodel.AskViewModel;
import dev.framewise.app.viewmodel.GpuSetupViewModel;
import dev.framewise.app.viewmodel.MediaItem;
import dev.framewise.app.viewmodel.ModelDownloadViewModel;
import dev.framewise.app.viewmodel.ModelPickerViewModel;
import dev.framewise.app.viewmodel.RunViewModel;
import dev.framewise.app.viewmodel.SessionViewModel;
import dev.framewise.app.viewmodel.WorkbenchViewModel;
import dev.framewise.engine.gpu.GpuDetection;
import dev.framewise.engine.gpu.GpuSetup;
import dev.framewise.engine.gpu.GpuSetupOptions;
import org.fxmisc.richtext.GenericStyledArea;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** The workbench window: menus, the three columns in split panes, the status bar and the notification cards. */
public final class MainWindow {
    private final WorkbenchViewModel vm;
    private final Stage stage;
    private final SessionViewModel sessions;
    private final Scene scene;
    private Stage labWindow;
    private Stage modelsWindow;
    private ModelsView modelsView;
    private ModelPickerViewModel picker;
    private ModelDownloadViewModel downloads;
    private Consumer<String> openLink = url -> { };
    private final AskView askView;
    private final HistoryView historyView;
    private final SplitPane columns;
    private final SplitPane rightColumn;

    public MainWindow(WorkbenchViewModel vm, Stage stage) {
        this.vm = vm;
        this.stage = stage;
        this.sessions = vm.session();
        LibraryView library = new LibraryView(vm.library(), this::addMediaDialog, this::relinkDialog);
        ViewerView viewer = new ViewerView(vm.viewer());
        askView = new AskView(vm.ask(), vm.engine(), this::openModels);
        ReasoningView reasoning = new ReasoningView(vm.history(), vm.viewer(), vm.ask(), askView::focusQuestion);
        askView.onShowPrompt(this::showPrompt);
        historyView = new HistoryView(vm.history(), vm.ask(), this::compare);
        rightColumn = new SplitPane(askView, reasoning, historyView);
        rightColumn.setOrientation(Orientation.VERTICAL);
        columns = new SplitPane(library, viewer, rightColumn);
        SplitPane.setResizableWithParent(library, false);
        SplitPane.setResizableWithParent(rightColumn, false);
        rememberDividers(columns, "columns", 0.2, 0.64);
        rememberDividers(rightColumn, "right", 0.2, 0.78);
        keepWhole(rightColumn, askView);

        BorderPane frame = new BorderPane(columns);
        frame.getStyleClass().add("workbench");
        frame.setTop(menus());
        frame.setBottom(StatusBarView.create(vm));
        NotificationsView notifications = new NotificationsView(vm.notifications());
        StackPane root = new StackPane(frame, notifications);
        // Over the top of the viewer: never over the question box or the reasoning being read.
        StackPane.setAlignment(notifications, Pos.TOP_CENTER);
        StackPane.setMargin(notifications, new Insets(32, 0, 0, 0));
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        scene = new Scene(root, Math.min(1500, screen.getWidth()), Math.min(920, screen.getHeight()));
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::viewerKeys);
        applyTheme(vm.settings().theme());
        stage.setScene(scene);
        stage.setMaximized(true);
        stage.titleProperty().bind(sessions.titleProperty());
        stage.setOnCloseRequest(e -> close());
    }

    public Scene scene() {
        return scene;
    }

    public void applyTheme(AppSettings.Theme chosen) {
        boolean dark = chosen == AppSettings.Theme.DARK || chosen == AppSettings.Theme.SYSTEM && SystemTheme.prefersDark();
        scene.getStylesheets().setAll(UiResources.stylesheet("base.css"), UiResources.stylesheet(dark ? "dark.css" : "light.css"));
        for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
            if (w != stage && w.getScene() != null) w.getScene().getStylesheets().setAll(scene.getStylesheets());
        }
    }

    /** How a web page (a gated model's licence) is opened: the application's host services. */
    public void onOpenLink(Consumer<String> opener) {
        openLink = opener;
    }

    private void close() {
        if (downloads != null) downloads.stop();
        vm.shutdown();
    }

    private MenuBar menus() {
        Menu file = new Menu("_File");
        file.getItems().addAll(
                item("New session", "Shortcut+N", sessions::newSession),
                item("Open session…", "Shortcut+Shift+O", this::openSessionDialog),
                item("Save session as…", "Shortcut+Shift+S", this::saveAsDialog),
                item("Export session…", "Shortcut+E", this::exportDialog),
                new SeparatorMenuItem(),
                item("Add media…", "Shortcut+O", this::addMediaDialog),
                recentMenu(),
                new SeparatorMenuItem(),
                item("Quit", "Shortcut+Q", () -> {
                    close();
                    stage.close();
                }));
        Menu model = new Menu("_Model");
        model.getItems().addAll(item("Models…", "Shortcut+M", this::openModels),
                item("Choose model folder…", "Shortcut+Alt+M", this::chooseModelDialog),
                item("Connect to a server…", "Shortcut+Shift+M", this::connectDialog),
                item("Engine settings…", "Shortcut+Comma", this::engineSettingsDialog), useGpuItem());
        Menu run = new Menu("_Run");
        run.getItems().addAll(
                item("Ask", "Shortcut+Enter", vm.ask()::ask),
                item("Stop", "Esc", vm.ask()::stop),
                item("Re-run with same seed", "Shortcut+R", () -> {
                    if (vm.history().selected() != null) vm.ask().rerun(vm.history().selected(), true);
                }),
                item("Edit and re-run", "Shortcut+Shift+E", () -> {
                    if (vm.history().selected() != null) {
                        vm.ask().edit(vm.history().selected());
                        askView.focusQuestion();
                    }
                }),
                item("Ask a follow-up", "Shortcut+Shift+F", () -> {
                    vm.ask().startFollowUp();
                    askView.focusQuestion();
                }),
                item("Compare two runs", "Shortcut+Shift+C", () -> {
                    List<RunViewModel> two = historyView.selectedRuns();
                    if (two.size() == 2) compare(two.get(0), two.get(1));
                }),
                item("Show the prompt", "Shortcut+Shift+P", this::showPrompt),
                item("Focus question", "Shortcut+L", askView::focusQuestion),
                item("Prompt lab…", "Shortcut+Shift+L", this::openLab));
        Menu view = new Menu("_View");
        view.getItems().addAll(
                viewerKey("Play / pause", KeyCode.SPACE, vm.viewer()::togglePlay),
                viewerKey("Previous frame", KeyCode.LEFT, () -> vm.viewer().step(-1)),
                viewerKey("Next frame", KeyCode.RIGHT, () -> vm.viewer().step(1)),
                item("Ask about a clip only", "Shortcut+K", () -> vm.viewer().clipEnabledProperty().set(!vm.viewer().clipEnabledProperty().get())),
                new SeparatorMenuItem(),
                themeMenu());
        MenuBar bar = new MenuBar(file, model, run, view);
        bar.getMenus().add(HelpWindows.menu(new HelpWindows(stage, vm.settings(), vm.engine()), bar));
        bar.setId("menu-bar");
        return bar;
    }

    /** Rebuilt each time it opens, from the settings; a file that is gone is shown disabled. */
    private Menu recentMenu() {
        Menu menu = new Menu("Add recent media");
        menu.getItems().add(new MenuItem("(none yet)"));
        menu.setOnShowing(e -> {
            menu.getItems().clear();
            for (Path path : vm.settings().recentMedia()) {
                MenuItem item = new MenuItem(path.getFileName() + "  —  " + path.getParent());
                item.setDisable(!Files.isRegularFile(path));
                item.setOnAction(a -> vm.library().add(List.of(path)));
                menu.getItems().add(item);
            }
            if (menu.getItems().isEmpty()) menu.getItems().add(new MenuItem("(none yet)"));
        });
        return menu;
    }

    private Menu themeMenu() {
        Menu menu = new Menu("Theme");
        ToggleGroup group = new ToggleGroup();
        String[] accelerators = {"Shortcut+Shift+0", "Shortcut+Shift+1", "Shortcut+Shift+2"};
        for (AppSettings.Theme t : AppSettings.Theme.values()) {
            RadioMenuItem item = new RadioMenuItem(switch (t) {
                case SYSTEM -> "Follow the system";
                case LIGHT -> "Light";
                case DARK -> "Dark";
            });
            item.setToggleGroup(group);
            item.setSelected(t == vm.settings().theme());
            item.setAccelerator(KeyCombination.keyCombination(accelerators[t.ordinal()]));
            item.setOnAction(e -> {
                vm.settings().setTheme(t);
                applyTheme(t);
            });
            menu.getItems().add(item);
        }
        return menu;
    }

    /** A menu entry for a viewer key; the key itself is handled by {@link #viewerKeys}, before any control sees it. */
    private static MenuItem viewerKey(String text, KeyCode key, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setAccelerator(new KeyCodeCombination(key));
        item.setOnAction(e -> action.run());
        return item;
    }

    /**
     * Space and the arrows belong to the viewer (also when the slider has focus, which would otherwise take
     * the arrows), except while typing; Esc stops generation wherever the focus is (a text area would swallow it).
     */
    private void viewerKeys(KeyEvent e) {
        if (e.isShortcutDown() || e.isAltDown() || e.isShiftDown()) return;
        if (e.getCode() == KeyCode.ESCAPE && vm.ask().state() == AskViewModel.State.GENERATING) {
            vm.ask().stop();
            e.consume();
            return;
        }
        Node focus = scene.getFocusOwner();
        if (focus instanceof TextInputControl || focus instanceof GenericStyledArea<?, ?, ?>) return;
        switch (e.getCode()) {
            case SPACE -> vm.viewer().togglePlay();
            case LEFT -> vm.viewer().step(-1);
            case RIGHT -> vm.viewer().step(1);
            default -> {
                return;
            }
        }
        e.consume();
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setAccelerator(KeyCombination.keyCombination(accelerator));
        item.setOnAction(e -> action.run());
        return item;
    }

    /**
     * Moves the divider under {@code top} (the first item of a vertical {@code pane}) down whenever the item's
     * content needs more height than the divider gives it (a cost preview whose cheaper settings wrap onto another
     * line), so that its last row, the Ask buttons, is never pushed under the next pane. The SplitPane itself sizes
     * items by divider position alone; a minimum height does not help, as a wrapping item's minimum and preferred
     * heights are computed for no particular width.
     */
    private static void keepWhole(SplitPane pane, Region top) {
        boolean[] pending = {false};
        Runnable fit = () -> {
            pending[0] = false;
            double width = top.getWidth();
            double height = top.getHeight();
            double total = pane.getHeight() - pane.snappedTopInset() - pane.snappedBottomInset();
            if (width <= 0 || height <= 0 || total <= 0 || pane.getDividers().isEmpty()) return;
            double needed = Math.ceil(top.prefHeight(width));
            if (needed <= height + 0.5) return;
            // where the divider must be, from where the item starts (its wrapper in the skin) and the divider's
            // thickness: absolute, so that the divider's stored position (below the item's minimum it is only
            // clamped) does not matter
            javafx.scene.Node bar = pane.lookup(".split-pane-divider");
            double thickness = bar == null ? 0 : bar.prefHeight(-1);
            double start = top.getParent().getLayoutY() - pane.snappedTopInset();
            pane.getDividers().get(0).setPosition(Math.min(0.9, (start + needed + thickness / 2) / total));
        };
        Runnable later = () -> {
            if (!pending[0]) {
                pending[0] = true;
                Platform.runLater(fit);
            }
        };
        top.heightProperty().addListener((obs, old, h) -> later.run());
        top.widthProperty().addListener((obs, old, w) -> later.run());
        top.needsLayoutProperty().addListener((obs, old, needs) -> {
            if (!needs) later.run();
        });
    }

    private void rememberDividers(SplitPane pane, String name, double... defaults) {
        double[] positions = new double[defaults.length];
        for (int i = 0; i < defaults.length; i++) positions[i] = vm.settings().divider(name + i, defaults[i]);
        pane.setDividerPositions(positions);
        for (int i = 0; i < pane.getDividers().size(); i++) {
            int index = i;
            pane.getDividers().get(i).positionProperty().addListener((obs, old, p) -> vm.settings().setDivider(name + index, p.doubleValue()));
        }
    }

    private void openSessionDialog() {
        FileChooser chooser = sessionChooser("Open session");
        File file = chooser.showOpenDialog(stage);
        if (file != null) sessions.open(file.toPath());
    }

    private void saveAsDialog() {
        FileChooser chooser = sessionChooser("Save session as");
        chooser.setInitialFileName(sessions.suggestedFileName());
        File file = chooser.showSaveDialog(stage);
        if (file != null) sessions.saveAs(file.toPath());
    }

    private FileChooser sessionChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Framewise sessions", "*.framewise"));
        Path current = sessions.fileProperty().get();
        if (current != null && current.getParent() != null && Files.isDirectory(current.getParent())) {
            chooser.setInitialDirectory(current.getParent().toFile());
        }
        return chooser;
    }

    private void exportDialog() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export session");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Web page (HTML)", "*.html"),
                new FileChooser.ExtensionFilter("Markdown", "*.md"),
                new FileChooser.ExtensionFilter("JSON lines (one run per line)", "*.jsonl"));
        File file = chooser.showSaveDialog(stage);
        if (file != null) vm.export(file.toPath());
    }

    private void addMediaDialog() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Add images or videos");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Videos and images",
                        dev.framewise.engine.media.MediaTypes.extensions().stream().map(e -> "*." + e).toList()),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        List<File> files = chooser.showOpenMultipleDialog(stage);
        if (files != null) vm.library().add(files.stream().map(File::toPath).toList());
    }

    private void relinkDialog(MediaItem item) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Where is " + item.name() + " now?");
        chooser.setInitialFileName(item.name());
        File file = chooser.showOpenDialog(stage);
        if (file != null) vm.library().relink(item, file.toPath());
    }

    private void chooseModelDialog() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Choose a Qwen2.5-VL / Cosmos-Reason1 model folder");
        vm.settings().modelFolder().map(p -> p.getParent() == null ? p : p.getParent()).map(java.nio.file.Path::toFile)
                .filter(File::isDirectory).ifPresent(chooser::setInitialDirectory);
        File folder = chooser.showDialog(stage);
        if (folder != null) vm.engine().load(folder.toPath());
    }

    /**
     * The Models window (the picker and downloads); one at a time, its state kept while it is closed so a download
     * goes on behind it.
     */
    private void openModels() {
        if (picker == null) {
            var services = vm.services();
            picker = ModelPickerViewModel.forEngine(services.models(), vm.engine(), vm.settings(), services.background(),
                    services.fxThread());
            downloads = new ModelDownloadViewModel(services.models(), services.background(), services.fxThread(),
                    folder -> picker.refresh());
            Runnable close = () -> {
                if (modelsWindow != null) modelsWindow.close();
            };
            modelsView = new ModelsView(new ModelPickerView(picker, this::chooseModelDialog, this::searchFolderDialog,
                    this::connectDialog, close), new ModelDownloadView(downloads, folder -> {
                        picker.use(folder);
                        close.run();
                    }, url -> openLink.accept(url)));
        }
        picker.refresh();
        if (modelsWindow == null) {
            modelsWindow = SecondaryWindows.open(stage, scene, vm.settings(), "models", "Models", modelsView);
        } else {
            modelsWindow.getScene().getStylesheets().setAll(scene.getStylesheets()); // the theme may have changed
            modelsWindow.show();
            modelsWindow.toFront();
        }
        modelsView.showPicker();
    }

    private void searchFolderDialog() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Search a folder for models");
        File folder = chooser.showDialog(modelsWindow != null ? modelsWindow : stage);
        if (folder != null) picker.addFolder(folder.toPath());
    }

    /** "Use the GPU…", shown once a background probe (nvidia-smi may take seconds) finds an NVIDIA GPU. */
    private MenuItem useGpuItem() {
        MenuItem useGpu = new MenuItem("Use the GPU…");
        useGpu.setId("use-gpu");
        useGpu.setVisible(false);
        useGpu.setOnAction(e -> {
            GpuSetup setup = new GpuSetup(GpuSetupOptions.fromEnvironment(System.getenv()));
            GpuSetupViewModel model = new GpuSetupViewModel(setup, () -> GpuDetection.probe(System.getenv()),
                    command -> new Thread(command, "framewise-gpu-setup").start(), Platform::runLater);
            GpuSetupDialog dialog = new GpuSetupDialog(model);
            dialog.initOwner(stage);
            dialog.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
            dialog.showAndWait();
        });
        Thread probe = new Thread(() -> {
            boolean gpu = GpuDetection.probe(System.getenv()).hasGpu();
            Platform.runLater(() -> useGpu.setVisible(gpu));
        }, "framewise-gpu-probe");
        probe.setDaemon(true);
        probe.start();
        return useGpu;
    }

    private void engineSettingsDialog() {
        EngineSettingsDialog dialog = new EngineSettingsDialog(vm.engineSettings().currentProperty().get());
        dialog.initOwner(stage);
        dialog.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
        dialog.showAndWait().ifPresent(vm.engineSettings()::apply);
    }

    private void connectDialog() {
        ServerDialog dialog = new ServerDialog(vm.settings().server().orElse(null));
        dialog.initOwner(stage);
        dialog.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
        dialog.showAndWait().ifPresent(s -> vm.engine().connect(s.url(), s.model(), s.apiKey()));
    }

    private void showPrompt() {
        vm.ask().showPrompt(prompt -> SecondaryWindows.open(stage, scene, vm.settings(), "prompt",
                "The prompt as the model reads it", new PromptView(prompt)));
    }

    private void openLab() {
        if (labWindow != null && labWindow.isShowing()) {
            labWindow.toFront();
            return;
        }
        if (vm.lab().questionProperty().get().isBlank()) vm.lab().questionProperty().set(vm.ask().questionProperty().get());
        labWindow = SecondaryWindows.open(stage, scene, vm.settings(), "lab", "Prompt lab", new LabView(vm.lab()));
    }

    private void compare(RunViewModel left, RunViewModel right) {
        SecondaryWindows.open(stage, scene, vm.settings(), "compare", "Compare runs", new CompareView(left, right));
    }
}
