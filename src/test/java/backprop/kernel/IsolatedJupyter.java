package backprop.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's Jupyter (/usr/bin/jupyter, not another python on PATH) run with every Jupyter directory in a
 * temporary folder, so a test sees only the kernelspec it registered there and leaves nothing behind.
 */
public final class IsolatedJupyter {
    public static final Path JUPYTER = Path.of("/usr/bin/jupyter");

    /** The {@code --add-opens} options of kernel/kernel.json, so that a test's kernel runs as an installed one. */
    public static final List<String> KERNEL_OPENS = kernelOpens();

    private IsolatedJupyter() {
    }

    private static List<String> kernelOpens() {
        try {
            List<String> opens = new ArrayList<>();
            JsonNode argv = new ObjectMapper().readTree(Path.of("kernel/kernel.json").toFile()).get("argv");
            for (int k = 0; k + 1 < argv.size(); k++) {
                if (argv.get(k).asText().equals("--add-opens")) opens.addAll(List.of("--add-opens", argv.get(++k).asText()));
            }
            return List.copyOf(opens);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code jupyter ARGS...} in {@code tmp}, with its output in {@code tmp/nbconvert.log}. */
    public static ProcessBuilder command(Path tmp, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(JUPYTER.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("nbconvert.log").toFile());
        pb.environment().put("JUPYTER_PATH", tmp.resolve("data").toString());
        pb.environment().put("JUPYTER_DATA_DIR", tmp.resolve("data").toString());
        pb.environment().put("JUPYTER_RUNTIME_DIR", tmp.resolve("runtime").toString());
        pb.environment().put("JUPYTER_CONFIG_DIR", tmp.resolve("config").toString());
        pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        return pb;
    }
}
