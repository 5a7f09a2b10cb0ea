package backprop.kernel.jshell;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a raw Javadoc comment into readable plain text for the inspect pane. */
final class Javadoc {
    private static final Pattern INLINE = Pattern.compile("\\{@(code|literal|link|linkplain|value|index)\\s*([^}]*)}");

    private Javadoc() {}

    static String toText(String raw) {
        Matcher m = INLINE.matcher(raw);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String body = m.group(2).trim();
            if (m.group(1).startsWith("link")) {
                int sp = body.indexOf(' ');
                body = sp > 0 ? body.substring(sp + 1) : body.replace('#', '.');
                if (body.startsWith(".")) body = body.substring(1);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(body));
        }
        m.appendTail(sb);
        String t = sb.toString()
                .replaceAll("(?i)<p>|<br\\s*/?>|</p>", "\n")
                .replaceAll("(?i)<li>", "\n - ")
                .replaceAll("<[^>]+>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", "\"")
                .replaceAll("(?m)^\\s*@(param|return|throws|exception|see|since)", "\n@$1")
                .replaceAll("[ \\t]+", " ")
                .replaceAll("\\n\\s*\\n\\s*\\n+", "\n\n");
        return t.strip();
    }
}
