package backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every public member of the library packages (nn, data, show, io) has a Javadoc comment: the part of
 * doclint's "missing" group that the build enforces. (The Javadoc build, {@code mvn javadoc:javadoc}, runs
 * doclint without "missing", because that group also demands an {@code @param} and {@code @return} on
 * every method; the rest of doclint, HTML, syntax and references, fails the build there.)
 *
 * <p>Rules, as doclint's: a public or protected type, constructor, method, field or enum constant of a
 * public (or protected nested) type needs a comment; a method marked {@code @Override} inherits its
 * comment, except a record's accessor; a record names each component with {@code @param} (the
 * accessors' documentation); a serializable exception documents its serialized fields.
 */
class JavadocTest {
    static final List<String> LIBRARY = List.of("nn", "data", "show", "io");

    @Test
    void everyPublicMemberOfTheLibraryHasAComment() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String pkg : LIBRARY) {
            files.addAll(ArchitectureTest.sources(pkg));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            List<String> missing = undocumented(fm.getJavaFileObjectsFromPaths(files));
            assertEquals("", String.join("\n", missing), missing.size() + " public members without Javadoc");
        }
    }

    @Test
    void theCheckFindsWhatIsMissing() throws IOException {
        String source = """
                package p;
                /**
                 * A. @param b not a block tag
                 * @param a the a */
                public record R(int a, int b) {
                    public R { }
                    /** Documented. */
                    public int one() { return 1; }
                    @Override public int b() { return b; }
                    @Override public String toString() { return ""; }
                    int hidden() { return 0; }
                    public enum E { /** Yes. */ YES, NO }
                    public static final int K = 1;
                    static { int local = 0; }
                    private static class Hidden { public void h() { } }
                    /** No constructor. */
                    public static class Open { }
                }
                """;
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///p/R.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        assertEquals(List.of("R.java:5: record component b: no @param in the record's comment",
                        "R.java:6: constructor R: no comment",
                        "R.java:9: method b: no comment",
                        "R.java:12: enum E: no comment",
                        "R.java:12: field NO: no comment",
                        "R.java:13: field K: no comment",
                        "R.java:17: default constructor of Open: no comment (declare it)"),
                undocumented(List.of(file)));
    }

    /** "File.java:line: kind name: problem" for each public member without a comment. */
    static List<String> undocumented(Iterable<? extends JavaFileObject> files) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavacTask task = (JavacTask) javac.getTask(null, null, null, List.of("-proc:none"), null, files);
        DocTrees docs = DocTrees.instance(task);
        List<String> out = new ArrayList<>();
        for (CompilationUnitTree unit : task.parse()) {
            String name = Path.of(unit.getSourceFile().toUri().getPath()).getFileName().toString();
            new TreePathScanner<Void, Void>() {
                @Override
                public Void visitClass(ClassTree type, Void v) {
                    if (!visible(getCurrentPath())) {
                        return null;
                    }
                    DocCommentTree doc = docs.getDocCommentTree(getCurrentPath());
                    require(doc, type, type.getKind().toString().toLowerCase(java.util.Locale.ROOT), type.getSimpleName().toString());
                    if (type.getKind() == Tree.Kind.CLASS
                            && type.getMembers().stream().noneMatch(m -> m instanceof MethodTree c && c.getName().contentEquals("<init>"))) {
                        report(type, "default constructor of " + type.getSimpleName() + ": no comment (declare it)");
                    }
                    if (type.getKind() == Tree.Kind.RECORD) {
                        Set<String> params = new HashSet<>();
                        if (doc != null) {
                            for (DocTree tag : doc.getBlockTags()) {
                                if (tag instanceof ParamTree p && !p.isTypeParameter()) {
                                    params.add(p.getName().getName().toString());
                                }
                            }
                        }
                        for (Tree member : type.getMembers()) {
                            if (member instanceof VariableTree c && !c.getModifiers().getFlags().contains(Modifier.STATIC)
                                    && !params.contains(c.getName().toString())) {
                                report(type, "record component " + c.getName() + ": no @param in the record's comment");
                            }
                        }
                    }
                    return super.visitClass(type, v);
                }

                @Override
                public Void visitMethod(MethodTree method, Void v) {
                    ClassTree owner = (ClassTree) getCurrentPath().getParentPath().getLeaf();
                    boolean accessor = owner.getKind() == Tree.Kind.RECORD && method.getParameters().isEmpty()
                            && owner.getMembers().stream().anyMatch(m -> m instanceof VariableTree c
                            && !c.getModifiers().getFlags().contains(Modifier.STATIC)
                            && c.getName().contentEquals(method.getName()));
                    boolean overrides = method.getModifiers().getAnnotations().stream()
                            .anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
                    if (visible(getCurrentPath()) && (!overrides || accessor)) {
                        String kind = method.getName().contentEquals("<init>") ? "constructor " + owner.getSimpleName()
                                : "method " + method.getName();
                        require(docs.getDocCommentTree(getCurrentPath()), method, kind);
                    }
                    return null;
                }

                @Override
                public Void visitVariable(VariableTree field, Void v) {
                    TreePath path = getCurrentPath();
                    if (!(path.getParentPath().getLeaf() instanceof ClassTree owner)) {
                        return null; // a local variable of an initializer block
                    }
                    Set<Modifier> flags = field.getModifiers().getFlags();
                    boolean component = owner.getKind() == Tree.Kind.RECORD && !flags.contains(Modifier.STATIC);
                    boolean serialized = owner.getExtendsClause() != null
                            && owner.getExtendsClause().toString().matches(".*(Exception|Error)")
                            && !flags.contains(Modifier.STATIC) && !flags.contains(Modifier.TRANSIENT);
                    if (!component && (visible(path) || serialized && visible(path.getParentPath()))) {
                        require(docs.getDocCommentTree(path), field, "field " + field.getName());
                    }
                    return null;
                }

                private void require(DocCommentTree doc, Tree tree, String kind, String... name) {
                    if (doc == null) {
                        report(tree, kind + (name.length > 0 ? " " + name[0] : "") + ": no comment");
                    }
                }

                private void report(Tree tree, String problem) {
                    long line = unit.getLineMap().getLineNumber(docs.getSourcePositions().getStartPosition(unit, tree));
                    out.add(name + ":" + line + ": " + problem);
                }
            }.scan(unit, null);
        }
        return out;
    }

    /** Public or protected, in a type that is itself visible all the way out (members of interfaces are public). */
    static boolean visible(TreePath path) {
        for (TreePath p = path; p != null && !(p.getLeaf() instanceof CompilationUnitTree); p = p.getParentPath()) {
            Tree leaf = p.getLeaf();
            ModifiersTree mods = leaf instanceof ClassTree c ? c.getModifiers()
                    : leaf instanceof MethodTree m ? m.getModifiers()
                    : leaf instanceof VariableTree f ? f.getModifiers() : null;
            if (mods == null) {
                return false; // a local or anonymous class, or a lambda
            }
            Set<Modifier> flags = mods.getFlags();
            Tree parent = p.getParentPath().getLeaf();
            boolean inInterface = parent instanceof ClassTree c
                    && (c.getKind() == Tree.Kind.INTERFACE || c.getKind() == Tree.Kind.ANNOTATION_TYPE);
            boolean enumConstant = parent instanceof ClassTree c && c.getKind() == Tree.Kind.ENUM
                    && leaf instanceof VariableTree && flags.contains(Modifier.STATIC) && flags.contains(Modifier.FINAL)
                    && flags.contains(Modifier.PUBLIC);
            boolean open = flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED)
                    || inInterface && !flags.contains(Modifier.PRIVATE) || enumConstant;
            if (!open) {
                return false;
            }
            if (leaf instanceof MethodTree || leaf instanceof VariableTree) {
                continue; // check the enclosing types
            }
        }
        return true;
    }
}
