package dev.framewise.app.view.lab;

import dev.framewise.app.viewmodel.lab.LabViewModel;
import dev.framewise.sessions.model.Lab;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;

/**
 * The session's labs, the shown one selected; picking another shows its grid and answers. The box follows the view
 * model (a new build, a session opened) without taking those updates for the user's pick: without that guard, the
 * view model's own update of the list re-entered {@link LabViewModel#select} and the two fought over the shown lab.
 */
final class LabPicker extends ComboBox<Lab> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final LabViewModel vm;
    private boolean following;

    LabPicker(LabViewModel vm) {
        super(vm.sessionLabs());
        this.vm = vm;
        setId("lab-picker");
        setCellFactory(l -> new LabCell());
        setButtonCell(new LabCell());
        setPromptText("No lab yet: build a grid");
        setMaxWidth(Double.MAX_VALUE);
        disableProperty().bind(vm.runningProperty());
        follow();
        vm.labProperty().addListener((obs, old, shown) -> follow());
        vm.sessionLabs().addListener((ListChangeListener<Lab>) c -> follow());
        valueProperty().addListener((obs, old, picked) -> picked(picked));
    }

    private void picked(Lab picked) {
        if (following || picked == null) return;
        Lab shown = vm.lab();
        if (shown != null && shown.id().equals(picked.id())) return;
        // Refused (the queue runs, or the lab is gone): show the lab that stays.
        if (!vm.select(picked)) follow();
    }

    /** Shows the view model's lab without treating it as a pick. */
    private void follow() {
        following = true;
        try {
            setValue(vm.lab());
        } finally {
            following = false;
        }
    }

    /** "06:00 · What will the ball hit next? · question × seed" */
    static String describe(Lab lab) {
        String axes = (lab.rows() == null ? "" : lab.rows().dimension().label())
                + (lab.rows() != null && lab.columns() != null ? " × " : "")
                + (lab.columns() == null ? "" : lab.columns().dimension().label());
        return TIME.format(lab.created()) + " · " + lab.base().question() + (axes.isEmpty() ? "" : " · " + axes);
    }

    private static final class LabCell extends ListCell<Lab> {
        @Override
        protected void updateItem(Lab lab, boolean empty) {
            super.updateItem(lab, empty);
            setText(empty || lab == null ? null : describe(lab));
        }
    }
}
