package dev.framewise.sessions.store.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** Every migration, in order; a document is walked up one version at a time to the current schema. */
public final class SchemaMigrations {
    private static final List<SchemaMigration> ALL = List.of(new MigrationV1ToV2(), new MigrationV2ToV3(), new MigrationV3ToV4());

    private SchemaMigrations() {
    }

    /** The oldest schema that can still be read. */
    public static int oldestSupported() {
        return ALL.get(0).fromVersion();
    }

    /** Applies the migrations from {@code version} up to {@code target}. */
    public static ObjectNode migrate(ObjectNode document, int version, int target) {
        ObjectNode doc = document;
        for (int v = version; v < target; v++) {
            doc = forVersion(v).migrate(doc);
            doc.put("schema_version", v + 1);
        }
        return doc;
    }

    private static SchemaMigration forVersion(int version) {
        return ALL.stream().filter(m -> m.fromVersion() == version).findFirst()
                .orElseThrow(() -> new IllegalStateException("no migration from schema " + version));
    }
}
