package dev.framewise.engine.store.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.framewise.engine.api.EngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The model store's own settings, kept as {@code settings.json} in Framewise's models folder: the extra
 * folders the user asked to be searched for models.
 */
public record StoreSettings(@JsonProperty("model_folders") List<String> modelFolders) {
    public static final String FILE_NAME = "settings.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public StoreSettings {
        modelFolders = modelFolders == null ? List.of() : List.copyOf(modelFolders);
    }

    public List<Path> folders() {
        return modelFolders.stream().map(Path::of).toList();
    }

    public StoreSettings withFolder(Path folder) {
        String f = folder.toAbsolutePath().normalize().toString();
        if (modelFolders.contains(f)) return this;
        List<String> next = new ArrayList<>(modelFolders);
        next.add(f);
        return new StoreSettings(next);
    }

    public StoreSettings withoutFolder(Path folder) {
        String f = folder.toAbsolutePath().normalize().toString();
        List<String> next = new ArrayList<>(modelFolders);
        next.remove(f);
        return new StoreSettings(next);
    }

    public static StoreSettings load(Path modelsDir) {
        Path file = modelsDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) return new StoreSettings(List.of());
        try {
            return JSON.readValue(file.toFile(), StoreSettings.class);
        } catch (IOException e) {
            throw new EngineException("cannot read the model settings " + file + " (" + e.getMessage()
                    + "): fix or delete the file", e);
        }
    }

    /** Writes atomically (temp file + rename) so a crash never leaves half a settings file. */
    public void save(Path modelsDir) {
        try {
            Files.createDirectories(modelsDir);
            Path tmp = Files.createTempFile(modelsDir, FILE_NAME, ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, modelsDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EngineException("cannot write the model settings in " + modelsDir + ": " + e.getMessage(), e);
        }
    }
}
