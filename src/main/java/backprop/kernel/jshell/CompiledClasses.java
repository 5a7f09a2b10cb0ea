package backprop.kernel.jshell;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.NavigableMap;

/**
 * Forgets the class files of dropped snippets, so that a compilation's cost does not grow with the notebook.
 *
 * <p>JShell keeps every class it has compiled in memory (its file manager's {@code classObjects}), dropped
 * snippets' included, and javac lists them all, as package {@code REPL}, in every compilation (JShell compiles
 * three to four times per snippet); then JShell removes each of their symbols again. A notebook's {@code $N}
 * variables, dropped once rendered ({@link Evaluator}), would leave one class each behind: the time of a
 * {@code 1+1} cell grew from 7.4 to 14 ms over 2,000 cells in one session. A dropped snippet's class is never
 * compiled against again (JShell treats its name as undefined), and the snippet JVM has loaded it already.
 *
 * <p>It reads JShell's internals and needs {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (kernel.json
 * passes it; the fields are the same in JDK 17 to 25); without it, or if they change, it does nothing and
 * JShell behaves as it always does.
 */
final class CompiledClasses {
    private static final String PREFIX = "REPL.$JShell$";
    private static final Method CLASS_NAME = method(Snippet.class, "classFullName");
    private final NavigableMap<String, ?> classObjects;

    CompiledClasses(JShell shell) {
        this.classObjects = classObjects(shell);
    }

    /** Whether the class files can be reached (else {@link #forget} does nothing). */
    boolean available() {
        return classObjects != null && CLASS_NAME != null;
    }

    /**
     * Forgets the class of the dropped snippet {@code sn} and its nested classes (lambdas, local classes), unless
     * the class holds other snippets too (JShell compiles mutually dependent declarations into one class, named
     * after all of them: {@code $JShell$12_13}).
     */
    void forget(Snippet sn) {
        if (!available()) return;
        String name;
        try {
            name = (String) CLASS_NAME.invoke(sn);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return;
        }
        if (name == null || !name.startsWith(PREFIX) || name.indexOf('_', PREFIX.length()) >= 0) return;
        classObjects.remove(name);
        classObjects.subMap(name + "$", true, name + "%", false).clear(); // '%' follows '$': all "name$..."
    }

    /** How many class files JShell holds, -1 if they cannot be reached. */
    int size() {
        return available() ? classObjects.size() : -1;
    }

    private static NavigableMap<String, ?> classObjects(JShell shell) {
        try {
            Object taskFactory = field(JShell.class, "taskFactory").get(shell);
            Object fileManager = field(taskFactory.getClass(), "fileManager").get(taskFactory);
            return field(fileManager.getClass(), "classObjects").get(fileManager) instanceof NavigableMap<?, ?> m
                    ? cast(m) : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static NavigableMap<String, ?> cast(NavigableMap<?, ?> m) {
        return (NavigableMap<String, ?>) m;
    }

    private static Field field(Class<?> c, String name) throws ReflectiveOperationException {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    private static Method method(Class<?> c, String name) {
        try {
            Method m = c.getDeclaredMethod(name);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
