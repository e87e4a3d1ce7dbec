package dev.framewise.app.view;

import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays an answer written in Markdown out as pieces of text for one text flow: paragraphs and headings, bullet and
 * numbered lists, code blocks (JSON in code fences included) and inline emphasis and code, each piece with its Markdown
 * styles and, where it is a slice of the source, its offset there, so that time links and confidence shading found in
 * the source still apply to what is shown. Parsed by commonmark-java with source spans.
 */
final class MarkdownLayout {
    /**
     * A piece of the shown text; {@code source} is its offset in the Markdown source, or -1 for text the layout adds
     * (list bullets, the breaks between blocks) or text that differs from its source (escapes).
     */
    record Piece(String text, int source, List<String> styles) {
    }

    private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

    private final String source;
    private final List<Piece> pieces = new ArrayList<>();

    private MarkdownLayout(String source) {
        this.source = source;
    }

    static List<Piece> of(String markdown) {
        MarkdownLayout layout = new MarkdownLayout(markdown);
        layout.blocks(PARSER.parse(markdown), "", List.of());
        return List.copyOf(layout.pieces);
    }

    /** The text as shown: the pieces joined (for tests). */
    static String shown(List<Piece> pieces) {
        StringBuilder s = new StringBuilder();
        pieces.forEach(p -> s.append(p.text()));
        return s.toString();
    }

    private void blocks(Node parent, String indent, List<String> styles) {
        boolean first = true;
        for (Node block = parent.getFirstChild(); block != null; block = block.getNext()) {
            if (!first) add(block instanceof ListItem || parent instanceof ListItem ? "\n" + indent : "\n\n" + indent, styles);
            first = false;
            block(block, indent, styles);
        }
    }

    private void block(Node block, String indent, List<String> styles) {
        if (block instanceof Heading) {
            inlines(block, with(styles, "md-heading"));
        } else if (block instanceof BulletList || block instanceof OrderedList) {
            int number = block instanceof OrderedList ordered ? ordered.getMarkerStartNumber() : 0;
            boolean first = true;
            for (Node item = block.getFirstChild(); item != null; item = item.getNext()) {
                if (!first) add("\n" + indent, styles);
                first = false;
                add(number > 0 ? number++ + ". " : "\u2022 ", with(styles, "md-bullet"));
                blocks(item, indent + "    ", styles);
            }
        } else if (block instanceof FencedCodeBlock fenced) {
            code(block, fenced.getLiteral(), styles);
        } else if (block instanceof IndentedCodeBlock indented) {
            code(block, indented.getLiteral(), styles);
        } else if (block instanceof HtmlBlock html) {
            code(block, html.getLiteral(), styles);
        } else if (block instanceof BlockQuote) {
            blocks(block, indent, with(styles, "md-quote"));
        } else if (block instanceof ThematicBreak) {
            add("\u2014\u2014\u2014", styles);
        } else if (block.getFirstChild() != null && !(block.getFirstChild() instanceof Text) && isBlock(block.getFirstChild())) {
            blocks(block, indent, styles);
        } else {
            inlines(block, styles);
        }
    }

    private static boolean isBlock(Node node) {
        return node instanceof org.commonmark.node.Block;
    }

    private void code(Node block, String literal, List<String> styles) {
        String text = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        add(text, locate(block, text), with(styles, "md-code-block"));
    }

    private void inlines(Node parent, List<String> styles) {
        for (Node inline = parent.getFirstChild(); inline != null; inline = inline.getNext()) {
            if (inline instanceof Text text) {
                add(text.getLiteral(), locate(inline, text.getLiteral()), styles);
            } else if (inline instanceof Code code) {
                add(code.getLiteral(), locate(inline, code.getLiteral()), with(styles, "md-code"));
            } else if (inline instanceof Emphasis) {
                inlines(inline, with(styles, "md-em"));
            } else if (inline instanceof StrongEmphasis) {
                inlines(inline, with(styles, "md-strong"));
            } else if (inline instanceof SoftLineBreak || inline instanceof HardLineBreak) {
                add("\n", styles);
            } else if (inline instanceof HtmlInline html) {
                add(html.getLiteral(), locate(inline, html.getLiteral()), styles);
            } else {
                inlines(inline, styles); // links, images and extensions: their text
            }
        }
    }

    /** Where a node's shown text starts in the source, or -1 where the text is not a slice of it. */
    private int locate(Node node, String text) {
        List<SourceSpan> spans = node.getSourceSpans();
        if (spans.isEmpty() || text.isEmpty()) return -1;
        int from = spans.get(0).getInputIndex();
        SourceSpan last = spans.get(spans.size() - 1);
        int to = Math.min(source.length(), last.getInputIndex() + last.getLength());
        if (from < 0 || from > to) return -1;
        int at = source.substring(from, to).indexOf(text);
        return at < 0 ? -1 : from + at;
    }

    private void add(String text, List<String> styles) {
        add(text, -1, styles);
    }

    private void add(String text, int sourceOffset, List<String> styles) {
        if (!text.isEmpty()) pieces.add(new Piece(text, sourceOffset, styles));
    }

    private static List<String> with(List<String> styles, String style) {
        List<String> more = new ArrayList<>(styles);
        more.add(style);
        return List.copyOf(more);
    }
}
