package dev.framewise.sessions.store.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Schema 2 → 3. Schema 3 adds a run's {@code follow_up} (the conversation a follow-up question continues); every
 * run of a schema-2 file was a first question, which schema 3 writes as {@code follow_up: null}, so the runs are
 * kept as they are. The version is raised all the same: a Framewise that knows only schema 2 must refuse a file
 * with follow-ups rather than drop them on its next save.
 */
final class MigrationV2ToV3 implements SchemaMigration {

    @Override
    public int fromVersion() {
        return 2;
    }

    @Override
    public ObjectNode migrate(ObjectNode v2) {
        return v2;
    }
}
