package dev.framewise.sessions.store.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rewrites a session file's JSON from schema {@link #fromVersion()} to the next version. Migrations work on
 * the JSON tree, not on records: the records only know the current schema.
 */
public interface SchemaMigration {

    int fromVersion();

    /** Returns the document in schema {@code fromVersion() + 1}; {@code schema_version} is set by the caller. */
    ObjectNode migrate(ObjectNode document);
}
