package io.linia.platform;

import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Markdown to safe HTML: knowledge-base articles (KB-1) and queue scripts (WS-6). Pure and thread-safe.
 *
 * <p>CommonMark with GFM tables; raw HTML in the Markdown is let through the parser and then the
 * whole result is cleaned by jsoup against an allow-list: {@link Safelist#relaxed()} (text
 * formatting, lists, tables, links, images) without {@code style}. Everything else goes: script
 * and style elements with their content, iframes, forms, every {@code on…} attribute, and any
 * URL whose protocol is not http, https or mailto ({@code javascript:}, {@code data:},
 * {@code vbscript:}); relative URLs stay (links to attachments). Links get
 * {@code rel="noopener noreferrer nofollow"}.
 */
public final class Markdown {

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(List.of(TablesExtension.create()))
            .sanitizeUrls(true).build();
    private static final Safelist SAFE = Safelist.relaxed()
            .removeProtocols("img", "src", "http", "https")
            .addProtocols("img", "src", "http", "https")
            .addAttributes("a", "title")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow")
            .preserveRelativeLinks(true);
    /** Relative URLs need a base to be checked against; it never appears in the output. */
    private static final String BASE = "https://kb.invalid/";

    private Markdown() {
    }

    /** The sanitized HTML of {@code markdown}. */
    public static String html(String markdown) {
        String raw = RENDERER.render(PARSER.parse(markdown));
        Document.OutputSettings out = new Document.OutputSettings().prettyPrint(false);
        return Jsoup.clean(raw, BASE, SAFE, out);
    }

    /** The text of sanitized HTML, for the search index: words separated by spaces. */
    public static String plain(String html) {
        return Jsoup.parse(html).text();
    }
}
