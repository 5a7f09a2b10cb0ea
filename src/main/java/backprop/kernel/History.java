package backprop.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static backprop.kernel.wire.WireCodec.JSON;
import static backprop.kernel.wire.WireCodec.errorContent;

/**
 * This session's cells for history_request: each stored cell's input (and its text/plain result) under its
 * execution count. Earlier sessions are not kept. The session number is {@link #SESSION}; a range request for
 * session 0 means the current session, as in IPython.
 */
final class History {
    static final int SESSION = 1;

    private record Entry(int line, String input, String output) {}

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(int line, String input, String output) {
        entries.add(new Entry(line, input, output));
    }

    /** The history_reply content for a history_request's content; a bad field gives an error reply. */
    synchronized ObjectNode reply(JsonNode req) {
        boolean output = req.path("output").asBoolean(false);
        String type = req.path("hist_access_type").asText("tail");
        List<Entry> chosen;
        switch (type) {
            case "tail" -> chosen = last(entries, req.path("n").asInt(10));
            case "range" -> {
                int session = req.path("session").asInt(0);
                int start = req.path("start").asInt(1);
                JsonNode stop = req.path("stop");
                chosen = new ArrayList<>();
                if (session == 0 || session == SESSION) {
                    for (Entry e : entries) {
                        if (e.line() >= start && (!stop.isNumber() || e.line() < stop.asInt())) chosen.add(e);
                    }
                }
            }
            case "search" -> {
                Pattern p = glob(req.path("pattern").asText("*"));
                boolean unique = req.path("unique").asBoolean(false);
                Map<String, Entry> matches = new LinkedHashMap<>();
                List<Entry> all = new ArrayList<>();
                for (Entry e : entries) {
                    if (!p.matcher(e.input()).matches()) continue;
                    if (unique) {
                        matches.remove(e.input());
                        matches.put(e.input(), e);
                    } else {
                        all.add(e);
                    }
                }
                chosen = unique ? new ArrayList<>(matches.values()) : all;
                if (req.path("n").isNumber()) chosen = last(chosen, req.path("n").asInt());
            }
            default -> {
                String why = "hist_access_type must be tail, range or search, got: " + type;
                ObjectNode err = errorContent("ValueError", why, List.of(why));
                err.putArray("history");
                return err;
            }
        }
        ObjectNode r = JSON.createObjectNode();
        r.put("status", "ok");
        ArrayNode h = r.putArray("history");
        for (Entry e : chosen) {
            ArrayNode row = h.addArray().add(SESSION).add(e.line());
            if (output) row.addArray().add(e.input()).add(e.output());
            else row.add(e.input());
        }
        return r;
    }

    private static List<Entry> last(List<Entry> list, int n) {
        return new ArrayList<>(list.subList(Math.max(0, list.size() - Math.max(0, n)), list.size()));
    }

    /** IPython's history search pattern: a glob over the whole input ({@code *} any text, {@code ?} one character). */
    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*') re.append(".*");
            else if (c == '?') re.append('.');
            else re.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
