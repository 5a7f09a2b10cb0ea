package backprop.kernel.notebook;

import backprop.kernel.jshell.JShellSession;
import backprop.kernel.jshell.SessionConfig;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Executes notebooks headlessly, each in a fresh Java session (as a fresh kernel would), and writes the outputs
 * into them:
 * {@code java -cp backprop-kernel.jar backprop.kernel.notebook.RunNotebooks [--startup FILE]... [--check | --output-dir DIR]
 * NOTEBOOK...}. Run it from the notebooks' directory (as Jupyter starts a kernel there): a notebook's relative
 * paths ({@code %jars ../target/backprop-all.jar}) are relative to the working directory.
 * Prints one line per notebook (code cells, errors, seconds). With {@code --check} nothing is written; the
 * text outputs are compared with the ones in the files instead. With {@code --output-dir} the executed
 * notebooks are written there (same file names) and the originals are left alone. Exits with 1 when a cell
 * failed (or, with {@code --check}, when a text output differs).
 */
public final class RunNotebooks {
    private RunNotebooks() {}

    public static void main(String[] args) throws Exception {
        List<Path> startup = new ArrayList<>();
        List<Path> notebooks = new ArrayList<>();
        boolean check = false;
        Path outputDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--startup" -> {
                    if (++i >= args.length) usage("--startup needs a file");
                    startup.add(Paths.get(args[i]));
                }
                case "--check" -> check = true;
                case "--output-dir" -> {
                    if (++i >= args.length) usage("--output-dir needs a directory");
                    outputDir = Paths.get(args[i]);
                }
                default -> {
                    if (args[i].startsWith("--")) usage("unknown option " + args[i]);
                    notebooks.add(Paths.get(args[i]));
                }
            }
        }
        if (notebooks.isEmpty()) usage("no notebook given");
        if (check && outputDir != null) usage("--check writes nothing; it does not go with --output-dir");
        if (outputDir != null) Files.createDirectories(outputDir);
        SessionConfig config = SessionConfig.fromEnvironment(System.getenv(), startup, List.of());
        boolean failed = false;
        for (Path file : notebooks) {
            ObjectNode nb = Ipynb.read(file);
            ObjectNode before = nb.deepCopy();
            NotebookRunner.Report r;
            try (JShellSession session = new JShellSession(config)) {
                r = NotebookRunner.run(nb, session);
            }
            System.out.println(String.format(Locale.ROOT, "%s: %d cells, %d errors, %.1f s", file, r.cells(), r.errors(), r.seconds()));
            for (String e : TextOutputs.errors(nb)) System.out.println("  " + e);
            failed |= r.errors() > 0;
            if (check) {
                List<String> diffs = TextOutputs.differences(before, nb);
                for (String d : diffs) System.out.println("  differs: " + d);
                failed |= !diffs.isEmpty();
            } else {
                Ipynb.write(nb, outputDir == null ? file : outputDir.resolve(file.getFileName()));
            }
        }
        System.exit(failed ? 1 : 0);
    }

    private static void usage(String why) {
        System.err.println("RunNotebooks: " + why + "\nusage: java -cp backprop-kernel.jar backprop.kernel.notebook.RunNotebooks "
                + "[--startup FILE]... [--check | --output-dir DIR] NOTEBOOK...");
        System.exit(2);
    }
}
