package backprop.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's Jupyter (/usr/bin/jupyter, not another python on PATH) run with every Jupyter directory in a
 * temporary folder, so a test sees only the kernelspec it registered there and leaves nothing behind.
 */
public final class IsolatedJupyter {
    public static final Path JUPYTER = Path.of("/usr/bin/jupyter");

    private IsolatedJupyter() {
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
