package dev.framewise.engine.estimate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewise.engine.store.discovery.StoreLocations;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The calibrated rates of this machine, one small JSON file per {@link CalibrationKey} in the {@code calibration}
 * folder of Framewise's data folder, and one per device for the {@link MachineRates} that every model shares. A missing, unreadable or corrupt file is measured again (the micro-benchmark)
 * and rewritten; writes are atomic (a temporary file moved into place), so a crash leaves the old file or the new
 * one. Losing the file loses nothing but the refinement of past runs.
 */
public final class Calibration {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    public Calibration(Path folder) {
        this.folder = folder;
    }

    /** The calibration folder of this user's Framewise data folder ({@code FRAMEWISE_DATA_DIR} moves it). */
    public static Calibration forThisUser() {
        Map<String, String> env = System.getenv();
        return new Calibration(StoreLocations.dataDir(env, System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home"))).resolve("calibration"));
    }

    public Path folder() {
        return folder;
    }

    /** The stored rates of {@code key}; else {@code measure}'s, stored for next time. */
    public Rates rates(CalibrationKey key, Supplier<Rates> measure) {
        Rates stored = read(key);
        if (stored != null) return stored;
        Rates measured = measure.get();
        write(key, measured);
        return measured;
    }

    /** The stored rates of {@code key}, or null when there are none or the file cannot be read as rates. */
    public Rates read(CalibrationKey key) {
        return readJson(key.fileName(), Rates.class);
    }

    /** This machine's decoding rates on {@code device} ("cpu", "cuda"), stale or not; null when none are stored. */
    public MachineRates readMachine(String device) {
        return readJson(MachineRates.fileName(device), MachineRates.class);
    }

    /** Stores this machine's decoding rates (see {@link #write}). */
    public void writeMachine(MachineRates rates) {
        writeJson(MachineRates.fileName(rates.device()), rates);
    }

    private <T> T readJson(String fileName, Class<T> type) {
        Path file = folder.resolve(fileName);
        if (!Files.isRegularFile(file)) return null;
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException | RuntimeException e) {
            return null; // corrupt or from an incompatible version: measured again and overwritten
        }
    }

    /**
     * Stores {@code rates}; a folder that cannot be written is no error (the estimate still works, it is only
     * measured again next time).
     */
    public void write(CalibrationKey key, Rates rates) {
        writeJson(key.fileName(), rates);
    }

    private void writeJson(String fileName, Object value) {
        try {
            Files.createDirectories(folder);
            Path tmp = Files.createTempFile(folder, fileName, ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), value);
            try {
                Files.move(tmp, folder.resolve(fileName), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, folder.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // not worth failing a question over: the rates are measured again next time
        }
    }

    /** Moves the stored rates of {@code key} towards a run's (see {@link Rates#refined}); returns the new rates. */
    public Rates refine(CalibrationKey key, Rates current, Rates.Measured run) {
        Rates stored = read(key);
        Rates refined = (stored != null ? stored : current).refined(run);
        write(key, refined);
        return refined;
    }
}
