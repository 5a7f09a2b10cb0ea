package backprop.kernel.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An object already rendered to a MIME bundle (what render(obj) returns); shows as that bundle. */
public final class Rendered {
    private final Map<String, String> bundle;

    public Rendered(Map<String, String> bundle) {
        this.bundle = Collections.unmodifiableMap(new LinkedHashMap<>(bundle));
    }

    public Map<String, String> bundle() {
        return bundle;
    }

    @Override
    public String toString() {
        return bundle.getOrDefault("text/plain", bundle.keySet().toString());
    }
}
