package dev.polydl.harness.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The report as one self-contained HTML page: its Markdown rendered, every heading given the id the table of contents links
 * to, inline CSS (readable on a laptop screen, tables scroll sideways rather than squeeze, printable), charts linked beside
 * it in {@code charts/}. No script.
 */
final class HtmlPage {
    private static final String CSS = """
            :root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--head:#f6f8fa;--link:#0969da}
            *{box-sizing:border-box}
            body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--fg);
              max-width:1240px;margin:0 auto;padding:1.5em 2em 4em}
            h1{font-size:1.9em;margin:.2em 0 .4em}
            h2{font-size:1.45em;border-bottom:1px solid var(--line);padding-bottom:.25em;margin-top:2.2em}
            h3{font-size:1.15em;margin-top:1.6em}
            a{color:var(--link);text-decoration:none}a:hover{text-decoration:underline}
            p,li{max-width:62em}
            table{border-collapse:collapse;margin:1em 0;font-size:13px;display:block;overflow-x:auto;max-width:100%}
            th,td{border:1px solid var(--line);padding:4px 9px;vertical-align:top}
            th{background:var(--head);font-weight:600}
            th[align=right],td[align=right]{font-variant-numeric:tabular-nums;white-space:nowrap}
            tbody tr:nth-child(even){background:#fbfcfd}
            code{font:12.5px/1.4 ui-monospace,"DejaVu Sans Mono",monospace;background:#eff1f3;padding:.1em .35em;border-radius:4px}
            img{display:block;max-width:100%;height:auto;margin:1em 0;border:1px solid var(--line);border-radius:4px}
            h1+p{color:var(--muted)}
            p.contents{background:var(--head);border:1px solid var(--line);border-radius:6px;padding:.6em 1em;line-height:1.9}
            @media print{
              body{max-width:none;padding:0;font-size:10.5pt}
              table{display:table;overflow:visible;font-size:8pt}
              tr,img{break-inside:avoid}
              h2,h3{break-after:avoid}
              h2{break-before:page}
              p.contents{display:none}
              a{color:inherit}
            }
            """;

    private HtmlPage() {
    }

    static String render(String markdown, String title) {
        var extensions = List.of(TablesExtension.create());
        Node document = Parser.builder().extensions(extensions).build().parse(markdown);
        String body = HtmlRenderer.builder().extensions(extensions)
                .attributeProviderFactory(context -> new Attributes()).build().render(document);
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title + "</title><style>\n"
                + CSS + "</style></head><body>\n" + body + "</body></html>\n";
    }

    /** Heading ids as {@link Anchors} makes them (a repeated heading gets "-1", "-2", as on GitHub); the contents line's class. */
    private static final class Attributes implements AttributeProvider {
        private final Map<String, Integer> seen = new HashMap<>();

        @Override
        public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
            if (node instanceof Heading heading) {
                String id = Anchors.of(text(heading));
                int count = seen.merge(id, 1, Integer::sum);
                attributes.put("id", count == 1 ? id : id + "-" + (count - 1));
            } else if (tagName.equals("p") && text(node).startsWith(ReportGenerator.CONTENTS)) {
                attributes.put("class", "contents");
            }
        }

        private static String text(Node node) {
            StringBuilder text = new StringBuilder();
            node.accept(new AbstractVisitor() {
                @Override
                public void visit(Text literal) {
                    text.append(literal.getLiteral());
                }

                @Override
                public void visit(Code code) {
                    text.append(code.getLiteral());
                }
            });
            return text.toString();
        }
    }
}
