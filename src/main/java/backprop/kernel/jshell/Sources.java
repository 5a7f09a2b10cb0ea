package backprop.kernel.jshell;

import jdk.jshell.JShell;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where JShell's documentation (inspect) finds sources. JShell itself reads only the JDK's lib/src.zip; this
 * adds, for each class path jar {@code X.jar}, the sources inside it and a {@code X-sources.jar} beside it.
 * It needs {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (kernel.json passes it); without it only
 * the JDK's own Javadoc is found.
 */
final class Sources {
    private static List<Path> jdkSources;

    private Sources() {}

    /**
     * Makes {@code js}'s documentation lookup read the JDK's sources, the kernel's and those of every entry of
     * {@code classpath}: called when the session starts and whenever its class path grows.
     */
    static synchronized void update(JShell js, List<String> classpath) {
        try {
            Class<?> impl = Class.forName("jdk.jshell.SourceCodeAnalysisImpl");
            Field override = impl.getDeclaredField("availableSourcesOverride");
            Field cached = impl.getDeclaredField("availableSources");
            override.setAccessible(true);
            cached.setAccessible(true);
            List<Path> all = new ArrayList<>(jdk());
            List<String> entries = new ArrayList<>(classpath);
            entries.add(0, ownLocation());
            for (String e : entries) all.addAll(forEntry(Paths.get(e)));
            override.set(null, all);
            cached.set(js.sourceCodeAnalysis(), null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not opened: JShell keeps its own lookup (JDK sources only)
        }
    }

    private static String ownLocation() {
        try {
            return Paths.get(Sources.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            return ".";
        }
    }

    static List<Path> forEntry(Path p) {
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(p)) {
            out.add(p);
            return out;
        }
        String name = p.getFileName().toString();
        if (!name.endsWith(".jar")) return out;
        Path sibling = p.resolveSibling(name.substring(0, name.length() - 4) + "-sources.jar");
        if (Files.isRegularFile(sibling)) out.add(sibling);
        if (Files.isRegularFile(p) && containsSources(p)) out.add(p);
        return out;
    }

    private static boolean containsSources(Path jar) {
        try (ZipFile z = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> en = z.entries();
            while (en.hasMoreElements()) if (en.nextElement().getName().endsWith(".java")) return true;
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** The JDK's src.zip as JShell reads it: one source root per module. */
    private static synchronized List<Path> jdk() {
        if (jdkSources != null) return jdkSources;
        List<Path> out = new ArrayList<>();
        Path home = Paths.get(System.getProperty("java.home"));
        Path zip = home.resolve("lib").resolve("src.zip");
        if (!Files.isReadable(zip)) zip = home.getParent().resolve("src.zip");
        if (Files.isReadable(zip)) {
            try {
                FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Collections.emptyMap());
                Path root = fs.getRootDirectories().iterator().next();
                if (Files.exists(root.resolve("java/lang/Object.java"))) {
                    out.add(zip);
                } else {
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
                        for (Path m : ds) if (Files.isDirectory(m)) out.add(m);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no JDK sources
            }
        }
        return jdkSources = out;
    }
}
