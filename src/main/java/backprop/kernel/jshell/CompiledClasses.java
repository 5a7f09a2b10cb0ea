package backprop.kernel.jshell;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Consumer;

/**
 * Forgets what JShell and javac keep of classes no longer used (dropped snippets' class files, the emptied names in
 * javac's class table), so that a compilation's cost does not grow with the notebook.
 *
 * <p>JShell keeps every class it has compiled in memory (its file manager's {@code classObjects}), dropped
 * snippets' included, and javac lists them all, as package {@code REPL}, in every compilation (JShell compiles
 * three to four times per snippet); then JShell removes each of their symbols again. A notebook's {@code $N}
 * variables, dropped once rendered ({@link Evaluator}), would leave one class each behind: the time of a
 * {@code 1+1} cell grew from 7.4 to 14 ms over 2,000 cells in one session. A dropped snippet's class is never
 * compiled against again (JShell treats its name as undefined), and the snippet JVM has loaded it already.
 *
 * <p>It also forgets the names javac no longer holds a class for ({@link #forgetEmptyNames}). javac's class table
 * ({@code Symtab.classes}, a map from a class name to the class in each module) keeps an entry for every name
 * it has ever entered; JShell removes its {@code REPL} classes after each javac task but the emptied entry
 * stays, two per snippet, and JShell's walk over all classes after each task visits them all: by cell 1,000,
 * 2,000 empty entries beside ~1,550 real ones, and two more per cell (what forgetting them gains, measured:
 * kernel/README, "Speed").
 *
 * <p>It reads JShell's and javac's internals and needs {@code --add-opens} of {@code jdk.jshell/jdk.jshell},
 * {@code jdk.compiler/com.sun.tools.javac.api} and {@code jdk.compiler/com.sun.tools.javac.code} (kernel.json
 * passes them; the fields are the same in JDK 17 to 25); without them, or if they change, it does nothing and
 * JShell behaves as it always does.
 */
final class CompiledClasses {
    private static final String PREFIX = "REPL.$JShell$";
    private static final Method CLASS_NAME = method(Snippet.class, "classFullName");
    private final NavigableMap<String, ?> classObjects;
    /** JShell's pool of javac contexts (the lock of its idle contexts), and the idle contexts by options. */
    private final Object taskPool;
    private final Map<?, ? extends Collection<?>> idleContexts;
    private final Method symtab;
    private final Field classTable;

    CompiledClasses(JShell shell) {
        this.classObjects = classObjects(shell);
        Object pool = null;
        Map<?, ? extends Collection<?>> idle = null;
        Method instance = null;
        Field table = null;
        try {
            Object factory = field(JShell.class, "taskFactory").get(shell);
            pool = field(factory.getClass(), "javacTaskPool").get(factory);
            idle = field(pool.getClass(), "options2Contexts").get(pool) instanceof Map<?, ?> m ? cast(m) : null;
            ClassLoader javac = pool.getClass().getClassLoader();
            Class<?> symtabClass = Class.forName("com.sun.tools.javac.code.Symtab", false, javac);
            instance = symtabClass.getMethod("instance", Class.forName("com.sun.tools.javac.util.Context", false, javac));
            table = field(symtabClass, "classes");
        } catch (ReflectiveOperationException | RuntimeException e) {
            idle = null;
        }
        this.taskPool = pool;
        this.idleContexts = idle;
        this.symtab = instance;
        this.classTable = table;
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

    /**
     * Forgets the class names that javac's class table of each idle javac context keeps without a class (those of
     * the {@code REPL} classes JShell removed after its tasks). Call it while no snippet is compiled, e.g. after a
     * cell. A context in use is not in the pool, and the pool stays locked meanwhile, so none is taken from under it.
     */
    void forgetEmptyNames() {
        forEachClassTable(table -> table.values().removeIf(Map::isEmpty));
    }

    /** How many class names (with or without a class) the idle javac contexts' class tables hold, -1 if unknown. */
    int classNames() {
        int[] n = {0};
        return forEachClassTable(table -> n[0] += table.size()) ? n[0] : -1;
    }

    private boolean forEachClassTable(Consumer<Map<?, ? extends Map<?, ?>>> action) {
        if (idleContexts == null || symtab == null || classTable == null) return false;
        try {
            synchronized (taskPool) {
                for (Collection<?> contexts : idleContexts.values()) {
                    for (Object context : contexts) {
                        if (classTable.get(symtab.invoke(null, context)) instanceof Map<?, ?> table) action.accept(cast(table));
                    }
                }
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
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

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> cast(Map<?, ?> m) {
        return (Map<K, V>) m;
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
