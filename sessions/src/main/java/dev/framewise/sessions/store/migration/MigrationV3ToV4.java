package dev.framewise.sessions.store.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Schema 3 → 4: sessions gained prompt labs ({@code labs}, a grid of variants whose cells name runs). A schema 3
 * file had none, so it gets an empty list; nothing else changed.
 */
final class MigrationV3ToV4 implements SchemaMigration {

    @Override
    public int fromVersion() {
        return 3;
    }

    @Override
    public ObjectNode migrate(ObjectNode v3) {
        if (!v3.has("labs")) v3.putArray("labs");
        return v3;
    }
}
