package backprop.kernel.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Stop checks at loop back-edges: the instrumented class verifies, computes the same, and stops when asked. */
class BackEdgesTest {

    /** Loops of every shape javac emits (for, while, do-while, labeled continue, switch inside a loop, lambda). */
    public static final class Loops {
        public static long mixed(int n) {
            long s = 0;
            for (int i = 0; i < n; i++) s += i;
            int j = 0;
            while (j < n) s += j++ * 3L;
            do s ^= j--; while (j > 0);
            outer:
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if ((a + b) % 7 == 0) continue outer;
                    switch (b % 3) {
                        case 0 -> s += b;
                        case 1 -> s -= a;
                        default -> s *= 3;
                    }
                }
            }
            java.util.function.IntUnaryOperator f = x -> {
                int y = 0;
                for (int k = 0; k < x; k++) y += k;
                return y;
            };
            return s + f.applyAsInt(n);
        }

        public static void matmul(double[][] a, double[][] b, double[][] c) {
            for (int i = 0; i < a.length; i++) {
                for (int k = 0; k < b.length; k++) {
                    for (int j = 0; j < c[i].length; j++) c[i][j] += a[i][k] * b[k][j];
                }
            }
        }

        public static long spinWithContinue() {
            long n = 0;
            while (true) {
                n++;
                if (n != 0) continue;
                n = 1;
            }
        }

        public static long spin() {
            long n = 0;
            while (true) {
                try {
                    n++;
                } catch (Throwable t) {
                    n--;
                }
            }
        }
    }

    static byte[] classFile(Class<?> c) throws Exception {
        try (InputStream in = c.getResourceAsStream(c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Defines the instrumented Loops in a loader of its own (so the verifier checks it). */
    static Class<?> instrumentedLoops() throws Exception {
        byte[] original = classFile(Loops.class);
        byte[] checked = BackEdges.instrument(original);
        assertNotEquals(original.length, checked.length, "calls were added");
        ClassLoader loader = new ClassLoader(BackEdgesTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (!name.equals(Loops.class.getName())) return super.loadClass(name, resolve);
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    return c != null ? c : defineClass(name, checked, 0, checked.length);
                }
            }
        };
        Class<?> c = loader.loadClass(Loops.class.getName());
        assertNotEquals(Loops.class, c);
        return c;
    }

    /** How many stop checks each method got. */
    static java.util.Map<String, Integer> checksPerMethod(byte[] classFile) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        new org.objectweb.asm.ClassReader(classFile).accept(new org.objectweb.asm.ClassVisitor(org.objectweb.asm.Opcodes.ASM9) {
            @Override
            public org.objectweb.asm.MethodVisitor visitMethod(int access, String name, String d, String s, String[] e) {
                counts.put(name, 0);
                return new org.objectweb.asm.MethodVisitor(org.objectweb.asm.Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String n, String desc, boolean itf) {
                        if (owner.equals("backprop/kernel/runtime/StopCheck") && n.equals("poll")) counts.merge(name, 1, Integer::sum);
                    }
                };
            }
        }, 0);
        return counts;
    }

    @Test
    void everyOutermostLoopGetsAStopCheckInnerLoopsNone() throws Exception {
        java.util.Map<String, Integer> checks = checksPerMethod(BackEdges.instrument(classFile(Loops.class)));
        assertEquals(1, checks.get("matmul"), "the i loop only: the k and j loops stay free for the JIT");
        assertEquals(2, checks.get("spinWithContinue"), "both back-edges to the loop's header");
        assertEquals(2, checks.get("spin"), "the try block and the handler each jump back");
        // mixed: for, while, do-while and the labeled outer loop (its continue jumps forward, to the a++), not the
        // b loop inside it; the lambda's loop is a method of its own
        assertEquals(4, checks.get("mixed"), checks.toString());
        assertEquals(1, checks.entrySet().stream().filter(e -> e.getKey().startsWith("lambda$mixed")).mapToInt(java.util.Map.Entry::getValue).sum());
        assertEquals(0, checks.get("<init>"));
    }

    @Test
    void theInstrumentedClassComputesTheSame() throws Exception {
        Method mixed = instrumentedLoops().getMethod("mixed", int.class);
        long[] expected = new long[40];
        long[] actual = new long[40];
        for (int n = 0; n < 40; n++) {
            expected[n] = Loops.mixed(n);
            actual[n] = (long) mixed.invoke(null, n);
        }
        assertArrayEquals(expected, actual);
    }

    @Test
    @Timeout(60)
    void aLoopThatSwallowsEverythingStopsWhenItsThreadIsAsked() throws Exception {
        Method spin = instrumentedLoops().getMethod("spin");
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                spin.invoke(null);
            } catch (InvocationTargetException e) {
                ended.set(e.getCause());
            } catch (Throwable e) {
                ended.set(e);
            }
        });
        t.start();
        Thread.sleep(200);
        StopCheck.request(new Thread(() -> {}));  // another thread asked: this one runs on
        Thread.sleep(200);
        assertFalse(!t.isAlive(), "only the thread asked stops");
        StopCheck.request(t);
        t.join(30_000);
        StopCheck.clear();
        assertFalse(t.isAlive(), "the loop stopped");
        assertInstanceOf(StopCheck.Stopped.class, ended.get());
        assertEquals("the cell was interrupted", ended.get().getMessage());
    }
}
