package backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of DESIGN.md, read off the sources' import lines (and fully qualified names):
 * nn depends on the JDK only; the kernel knows nothing of nn, data, show, io; nothing outside the
 * kernel imports the kernel.
 */
class ArchitectureTest {
    static final Path MAIN = Path.of("src/main/java/backprop");
    static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    static final Pattern QUALIFIED = Pattern.compile("\\bbackprop\\.(nn|data|show|io|kernel)\\b");

    static List<Path> sources(String pkg) throws IOException {
        Path dir = MAIN.resolve(pkg);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    static List<String> imports(Path file) throws IOException {
        Matcher m = IMPORT.matcher(Files.readString(file));
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(2));
        }
        return out;
    }

    @Test
    void nnDependsOnTheJdkOnly() throws IOException {
        List<Path> files = sources("nn");
        assertTrue(files.size() >= 5, "nn sources found");
        for (Path f : files) {
            for (String imp : imports(f)) {
                assertTrue(imp.startsWith("java.") || imp.startsWith("backprop.nn."), f + " imports " + imp);
            }
        }
    }

    @Test
    void kernelKnowsNothingOfTheLibrary() throws IOException {
        for (Path f : sources("kernel")) {
            Matcher m = QUALIFIED.matcher(Files.readString(f));
            while (m.find()) {
                assertEquals("kernel", m.group(1), f + " names backprop." + m.group(1));
            }
        }
    }

    @Test
    void nothingOutsideTheKernelImportsIt() throws IOException {
        for (String pkg : List.of("nn", "data", "show", "io")) {
            for (Path f : sources(pkg)) {
                assertTrue(!Files.readString(f).contains("backprop.kernel"), f + " refers to backprop.kernel");
            }
        }
    }
}
