package backprop.kernel.session;

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

    public static DisplayData text(String text) {
        return new DisplayData(Map.of("text/plain", text), null);
    }
}
