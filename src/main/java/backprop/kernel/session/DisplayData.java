package backprop.kernel.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A MIME bundle: mime type to data (text, or base64 for binary types such as image/png), with an optional
 * display id for updatable outputs.
 */
public record DisplayData(Map<String, String> data, String displayId) {
    public DisplayData {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static DisplayData text(String text) {
        return new DisplayData(Map.of("text/plain", text), null);
    }

    /**
     * The data as Jupyter has it, in messages and in notebooks: mime type to text, except that a JSON mime type
     * ({@code application/json}, {@code application/*+json}) holds the JSON value itself (its text if it does not
     * parse), as nbformat stores it.
     */
    public ObjectNode jupyterData() {
        ObjectNode out = JSON.createObjectNode();
        data.forEach((mime, value) -> {
            if (isJson(mime)) {
                try {
                    out.set(mime, JSON.readTree(value));
                    return;
                } catch (JsonProcessingException notJson) {
                    // kept as text
                }
            }
            out.put(mime, value);
        });
        return out;
    }

    /** nbformat's rule: application/json and application/*+json. */
    private static boolean isJson(String mime) {
        return mime.equals("application/json") || mime.startsWith("application/") && mime.endsWith("+json");
    }
}
