package dev.framewise.sessions.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.store.migration.SchemaMigrations;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static dev.framewise.sessions.model.Session.CURRENT_SCHEMA_VERSION;

/**
 * Reads and writes session files. Reading looks at {@code schema_version} first (written first, so this
 * is cheap): the current schema binds straight to records; an older one goes through the JSON tree and
 * the numbered migrations; a newer one is refused. Never modifies the file it reads.
 */
public final class SessionCodec {
    private static final ObjectMapper MAPPER = SessionJson.mapper();

    private SessionCodec() {
    }

    /** A session read from a file, and the schema the file had (older than current when migrated). */
    public record Decoded(Session session, int fileSchemaVersion) {
        public boolean migrated() {
            return fileSchemaVersion < CURRENT_SCHEMA_VERSION;
        }
    }

    public static void write(Session session, OutputStream out) throws IOException {
        MAPPER.writeValue(out, session);
    }

    public static Decoded read(Path file) {
        int version = schemaVersion(file);
        if (version > CURRENT_SCHEMA_VERSION) {
            throw new SessionException(file, SessionException.Problem.NEWER_VERSION, file.getFileName()
                    + " was written by a newer Framewise (session schema " + version + "; this version reads up to "
                    + CURRENT_SCHEMA_VERSION + "). Update Framewise to open it; the file was left unchanged.");
        }
        if (version < SchemaMigrations.oldestSupported()) {
            throw damaged(file, "its schema_version " + version + " is not one Framewise ever wrote", null);
        }
        try (InputStream in = open(file)) {
            if (version == CURRENT_SCHEMA_VERSION) return new Decoded(MAPPER.readValue(in, Session.class), version);
            ObjectNode migrated = SchemaMigrations.migrate((ObjectNode) MAPPER.readTree(in), version,
                    CURRENT_SCHEMA_VERSION);
            migrated.remove("schema_version");
            return new Decoded(MAPPER.treeToValue(migrated, Session.class), version);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException | ClassCastException e) {
            throw damaged(file, describe(e), e);
        } catch (IOException e) {
            throw io(file, e);
        }
    }

    /** The file's {@code schema_version}, reading no further than needed. */
    static int schemaVersion(Path file) {
        try (InputStream in = open(file); JsonParser p = MAPPER.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw damaged(file, "it does not hold a JSON object", null);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("schema_version")) {
                    if (value != JsonToken.VALUE_NUMBER_INT) throw damaged(file, "its schema_version is not a whole number", null);
                    return p.getIntValue();
                }
                p.skipChildren();
            }
            throw damaged(file, "it has no schema_version, so it is not a Framewise session file", null);
        } catch (JsonProcessingException e) {
            throw damaged(file, describe(e), e);
        } catch (IOException e) {
            throw io(file, e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    }

    private static String describe(Exception e) {
        if (e instanceof JsonProcessingException j) {
            String where = j.getLocation() == null ? "" : " (line " + j.getLocation().getLineNr() + ", column "
                    + j.getLocation().getColumnNr() + ")";
            String what = j.getOriginalMessage();
            if (what != null && what.startsWith("Unexpected end-of-input")) what = "the file ends too early (truncated?)";
            return "it is not valid session JSON" + where + ": " + firstLine(what);
        }
        return "a field has an invalid value: " + firstLine(e.getMessage());
    }

    private static String firstLine(String s) {
        if (s == null) return "unknown problem";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static SessionException damaged(Path file, String why, Throwable cause) {
        return new SessionException(file, SessionException.Problem.DAMAGED,
                "Session file " + file + " is damaged: " + why + ".", cause);
    }

    static SessionException io(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new SessionException(file, SessionException.Problem.NOT_FOUND,
                    "Session file " + file + " does not exist; check the path.", e);
        }
        return new SessionException(file, SessionException.Problem.IO,
                "Cannot read or write session file " + file + ": " + e.getMessage() + " (check permissions and free space).", e);
    }
}
