package dev.framewise.sessions.cli;

import dev.framewise.sessions.export.HtmlExporter;
import dev.framewise.sessions.export.JsonlExporter;
import dev.framewise.sessions.export.MarkdownExporter;
import dev.framewise.sessions.model.Session;
import dev.framewise.sessions.store.FileSessionStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code framewise sessions export FILE --format md|html|jsonl [-o OUT]}; the session file is only read. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a session as Markdown, a self-contained HTML page, or JSONL (one run per line).")
final class ExportSessionCommand extends SessionsSubcommand {

    enum Format { md, html, jsonl }

    @ParentCommand
    SessionsCommand parent;

    @Parameters(index = "0", paramLabel = "FILE", description = "The session file.")
    Path file;

    @Option(names = "--format", required = true, paramLabel = "md|html|jsonl", description = "Output format.")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write here instead of to standard output.")
    Path output;

    @Option(names = "--tokens", description = "JSONL: include per-token ids and log-probabilities.")
    boolean tokens;

    @Override
    int execute() {
        if (output != null && output.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the output must not be the session file itself");
        }
        Session session = new FileSessionStore(file.toAbsolutePath().getParent()).load(file);
        String text = switch (format) {
            case md -> new MarkdownExporter().export(session);
            case html -> new HtmlExporter(parent.thumbnails()).export(session);
            case jsonl -> {
                StringWriter lines = new StringWriter();
                new JsonlExporter(tokens).export(session, lines);
                yield lines.toString();
            }
        };
        if (output == null) {
            out().print(text);
            out().flush();
            return 0;
        }
        try {
            Files.writeString(output, text);
        } catch (IOException e) {
            err().println("framewise: cannot write " + output + ": " + e.getMessage());
            return 1;
        }
        out().println("Exported " + session.runs().size() + " runs to " + output);
        return 0;
    }
}
