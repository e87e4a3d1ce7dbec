package dev.framewise.sessions.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.framewise.sessions.model.Session;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads a session list line without binding the runs: a session of a thousand runs with token logprobs is
 * tens of megabytes, and listing must not build it. Files of an older schema are read in full (migrated).
 */
final class SummaryReader {
    private SummaryReader() {
    }

    static SessionSummary read(Path file) {
        try {
            if (SessionCodec.schemaVersion(file) != Session.CURRENT_SCHEMA_VERSION) {
                Session s = SessionCodec.read(file).session();
                return new SessionSummary(file, s.id(), s.title(), s.created(), s.modified(), s.media().size(),
                        s.runs().size(), null);
            }
            return stream(file);
        } catch (SessionException e) {
            return new SessionSummary(file, null, "", null, null, 0, 0, e.getMessage());
        }
    }

    private static SessionSummary stream(Path file) {
        String id = null;
        String title = "";
        Instant created = null;
        Instant modified = null;
        int media = 0;
        int runs = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             JsonParser p = SessionJson.mapper().createParser(in)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "id" -> id = p.getValueAsString();
                    case "title" -> title = p.getValueAsString("");
                    case "created" -> created = Instant.parse(p.getValueAsString());
                    case "modified" -> modified = Instant.parse(p.getValueAsString());
                    case "media" -> media = countElements(p, file, name);
                    case "runs" -> runs = countElements(p, file, name);
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw SessionCodec.damaged(file, "it does not end where its JSON object ends", null);
            }
        } catch (IOException | DateTimeParseException | NullPointerException e) {
            throw SessionCodec.damaged(file, "it is not valid session JSON: " + e.getMessage(), e);
        }
        if (id == null || created == null) throw SessionCodec.damaged(file, "it has no id or no created date", null);
        return new SessionSummary(file, id, title, created, modified, media, runs, null);
    }

    /** The length of a list field; null counts as empty, any other non-list makes the file unreadable (as loading does). */
    private static int countElements(JsonParser p, Path file, String field) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) return 0;
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw SessionCodec.damaged(file, "its '" + field + "' is not a list", null);
        }
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            p.skipChildren();
            n++;
        }
        return n;
    }
}
