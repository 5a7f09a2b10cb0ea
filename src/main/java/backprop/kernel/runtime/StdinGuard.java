package backprop.kernel.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs in the snippet JVM, installed by its {@link Agent} as it starts, for JDKs whose jdk.jshell input pipe asks
 * the kernel for more input than it reads (JDK 17: its read of a tag and then of the data byte asks again
 * whenever the data byte has not arrived yet; later JDKs ask once per read, and there it does nothing). It lets
 * one request through per read of System.in and drops the rest, as the later JDKs do; without it a read could ask
 * the front end for a second line, and leave bytes that the next cell reads.
 */
public final class StdinGuard {
    private StdinGuard() {}

    /** Wraps System.in if it is JShell's input pipe without the fix; needs jdk.jshell.execution opened. */
    public static void install() throws ReflectiveOperationException {
        InputStream pipe = System.in;
        Field signal = null;
        for (Field f : pipe.getClass().getDeclaredFields()) {
            if (f.getType() == boolean.class) return; // the JDK's own fix (an inputNeeded flag)
            if (f.getType() == OutputStream.class && !Modifier.isStatic(f.getModifiers())) signal = f;
        }
        if (signal == null) return; // not JShell's pipe
        signal.setAccessible(true);
        OutputStream real = (OutputStream) signal.get(pipe);
        AtomicBoolean mayAsk = new AtomicBoolean();
        signal.set(pipe, new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                if (mayAsk.getAndSet(false)) real.write(b);
            }

            @Override
            public void flush() throws IOException {
                real.flush();
            }
        });
        System.setIn(new InputStream() {
            @Override
            public int read() throws IOException {
                synchronized (pipe) {
                    mayAsk.set(true);
                    try {
                        return pipe.read();
                    } finally {
                        mayAsk.set(false);
                    }
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                synchronized (pipe) {
                    mayAsk.set(true);
                    try {
                        return pipe.read(b, off, len);
                    } finally {
                        mayAsk.set(false);
                    }
                }
            }

            @Override
            public void close() throws IOException {
                pipe.close();
            }
        });
    }
}
