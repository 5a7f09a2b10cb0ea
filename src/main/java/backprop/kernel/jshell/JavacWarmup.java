package backprop.kernel.jshell;

import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Compiles a small class in memory on a background thread, so javac's classes are loaded and warm while the
 * snippet JVM is still starting (JShell compiles in this JVM; the first snippets would otherwise pay for it).
 */
final class JavacWarmup {
    private JavacWarmup() {}

    static Thread start() {
        Thread t = new Thread(JavacWarmup::compile, "javac-warmup");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void compile() {
        try {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            if (javac == null) return;
            JavaFileObject src = new SimpleJavaFileObject(URI.create("string:///Warm.java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return "import java.util.*; import java.util.stream.*;\n"
                            + "class Warm { static int f(List<String> l) { return l.stream().mapToInt(String::length).sum() + 1; }\n"
                            + "  Object g() { var m = new HashMap<String, Integer>(); m.put(\"a\", 1 + 1); return m; } }";
                }
            };
            JavaFileManager fm = new ForwardingJavaFileManager<>(javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
                @Override
                public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
                    return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                        @Override
                        public OutputStream openOutputStream() {
                            return new ByteArrayOutputStream();
                        }
                    };
                }
            };
            javac.getTask(null, fm, d -> { }, List.of("-proc:none"), null, List.of(src)).call();
        } catch (RuntimeException | LinkageError e) {
            // only a warm-up
        }
    }
}
