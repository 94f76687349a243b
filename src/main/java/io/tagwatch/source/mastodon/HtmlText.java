package io.tagwatch.source.mastodon;

import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Mastodon's HTML as plain text, read by jsoup: every entity decoded, paragraphs, quotes and code
 * blocks apart, line breaks kept, list items one per line ("- A"), a code block's spacing as written.
 * Servers and their forks allow more than p, br, span and a, so tags are not simply dropped: that
 * made "<li>A</li><li>B</li>" read "AB".
 */
final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "blockquote", "pre", "ul", "ol", "li", "h1", "h2",
            "h3", "h4", "h5", "h6");

    private HtmlText() {
    }

    static String toText(String html) {
        if (html == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(inPre(text) ? text.getWholeText() : text.text());
                } else if (node instanceof Element element) {
                    if (element.nameIs("br")) {
                        out.append('\n');
                    } else if (element.nameIs("li")) {
                        newLine(out);
                        out.append("- ");
                    } else if (BLOCKS.contains(element.normalName())) {
                        paragraph(out);
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName())
                        && !element.nameIs("li")) {
                    paragraph(out);
                }
            }
        }, Jsoup.parseBodyFragment(html).body());
        return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    private static boolean inPre(TextNode text) {
        for (Node parent = text.parent(); parent != null; parent = parent.parent()) {
            if (parent instanceof Element element && element.nameIs("pre")) {
                return true;
            }
        }
        return false;
    }

    private static void newLine(StringBuilder out) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    private static void paragraph(StringBuilder out) {
        if (out.isEmpty()) {
            return;
        }
        newLine(out);
        if (out.length() < 2 || out.charAt(out.length() - 2) != '\n') {
            out.append('\n');
        }
    }
}
