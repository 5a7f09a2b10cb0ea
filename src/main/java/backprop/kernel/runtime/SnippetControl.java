package backprop.kernel.runtime;

import jdk.jshell.execution.DirectExecutionControl;

import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * JShell's execution engine inside the snippet JVM, without a debugger: loads snippet classes with stop checks
 * at their loop back-edges ({@link BackEdges}), runs every cell on a fresh thread of its own, and stops a cell
 * when the kernel asks ({@link #stop(long)}).
 *
 * <p>A stop, in order: the cell's thread is marked for {@link StopCheck} (its next loop pass in snippet code
 * throws) and interrupted (ends sleep, wait and interruptible I/O; a library that polls
 * {@code Thread.interrupted()} stops at its next safe point). If the cell still runs {@value #STOP_GRACE_MS} ms
 * later (a loop inside library or JDK code), {@code Thread.stop} where the JDK still has it (up to 19). What
 * nothing stops is the kernel's to end: it kills this JVM.
 *
 * <p>A cell's result is rendered here, as the cell runs: when the kernel marks a command as the one whose value
 * may be the cell's result (its method name ends with {@link Agent#RESULT_MARK}), a rich value of an expression
 * is rendered with {@link Display} and sent back as a "result" frame before the command's reply, so the kernel
 * needs no second snippet to render it.
 *
 * <p>Class redefinition is not offered (it needs a debugger or an instrumentation agent): JShell then replaces
 * a changed class by a new one, as with its local engine.
 */
final class SnippetControl extends DirectExecutionControl {
    static final long STOP_GRACE_MS = 250;

    private final PrintStream log;
    private final Object lock = new Object();
    private long commands;   // invoke and varValue commands so far; the kernel counts the same
    private Thread cell;     // the thread running the current cell, or null
    private long cellNumber; // its command number
    private long stopFor;    // the last command number a stop was asked for (it may come before its command)
    private boolean stopRequested;
    private boolean instrumentWarned;
    private boolean renderResult; // whether the value of the command being run may be the cell's result

    SnippetControl(PrintStream log) {
        this.log = log;
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        ClassBytecodes[] checked = new ClassBytecodes[cbcs.length];
        for (int i = 0; i < cbcs.length; i++) {
            byte[] bytes = cbcs[i].bytecodes();
            try {
                bytes = BackEdges.instrument(bytes);
            } catch (RuntimeException e) {
                if (!instrumentWarned) {
                    instrumentWarned = true;
                    log.println("[backprop snippet JVM] no stop checks in " + cbcs[i].name() + " (" + e
                            + "): an interrupt of a loop in it may cost a restart of this JVM");
                }
            }
            checked[i] = new ClassBytecodes(cbcs[i].name(), bytes);
        }
        super.load(checked);
    }

    @Override
    public String invoke(String className, String methodName) throws RunException, EngineTerminationException, InternalException {
        synchronized (lock) {
            commands++;
        }
        renderResult = methodName.endsWith(Agent.RESULT_MARK);
        if (renderResult) methodName = methodName.substring(0, methodName.length() - Agent.RESULT_MARK.length());
        return super.invoke(className, methodName);
    }

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
        synchronized (lock) {
            commands++;
        }
        return super.varValue(className, varName);
    }

    /**
     * Runs the cell's method, and the rendering of its value, on a new thread (so a stop hits only the cell, and
     * a renderer that hangs is stopped like the cell's own code).
     */
    @Override
    protected String invoke(Method doitMethod) throws Exception {
        String[] value = new String[1];
        Throwable[] failure = new Throwable[1];
        boolean render = renderResult && isExpression(doitMethod.getDeclaringClass());
        Thread t = new Thread(() -> {
            try {
                Object v = doitMethod.invoke(null);
                value[0] = valueString(v);
                if (render) Display.result(v);
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "cell");
        boolean stopAtOnce;
        synchronized (lock) {
            cell = t;
            cellNumber = commands;
            stopAtOnce = stopFor == cellNumber;
            stopRequested = false;
        }
        try {
            t.start();
            if (stopAtOnce) stop(cellNumber);
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    // only the cell's thread is ever interrupted
                }
            }
        } finally {
            synchronized (lock) {
                cell = null;
                StopCheck.clear();
            }
        }
        Throwable f = failure[0];
        if (f == null) return value[0];
        if (f instanceof Exception e) throw e;
        throw (Error) f;
    }

    /**
     * Whether a snippet's class runs an expression (whose value may be the cell's result) rather than a variable
     * declaration (whose value is no result, and need not be rendered): JShell keeps a declared variable in a
     * field of the snippet's class named as the variable (or {@code $UNNAMED}), an expression's value in a
     * field {@code $N} or none.
     */
    static boolean isExpression(Class<?> snippetClass) {
        for (Field f : snippetClass.getDeclaredFields()) {
            if (!f.isSynthetic() && !f.getName().matches("\\$\\d+")) return false;
        }
        return true;
    }

    /**
     * Stops the cell started by command {@code number}: now if it runs, as it starts if it has not started yet
     * (the request can overtake its command), nothing if it has ended. Called by the agent's thread that reads
     * the kernel's requests.
     */
    void stop(long number) {
        Thread t;
        synchronized (lock) {
            stopFor = Math.max(stopFor, number);
            if (cell == null || cellNumber != number) return;
            t = cell;
            stopRequested = true;
            StopCheck.request(t);
        }
        t.interrupt();
        Thread last = new Thread(() -> {
            try {
                Thread.sleep(STOP_GRACE_MS);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (lock) {
                if (cell == t) threadStop(t);
            }
        }, "cell-stop");
        last.setDaemon(true);
        last.start();
    }

    /** Thread.stop() where the JDK has it (up to 19; it throws UnsupportedOperationException from 20 on). */
    private void threadStop(Thread t) {
        try {
            Thread.class.getMethod("stop").invoke(t);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not on this JDK: the kernel restarts this JVM
        }
    }

    private boolean stopped(Throwable cause) {
        synchronized (lock) {
            return cause instanceof StopCheck.Stopped
                    || stopRequested && cause != null && cause.getClass().getName().equals("java.lang.ThreadDeath");
        }
    }

    @Override
    protected String throwConvertedInvocationException(Throwable cause) throws RunException, InternalException {
        if (stopped(cause)) throw new StoppedException();
        return super.throwConvertedInvocationException(cause);
    }

    @Override
    protected String throwConvertedOtherException(Throwable ex) throws RunException, InternalException {
        if (stopped(ex) || stopped(ex.getCause())) throw new StoppedException();
        return super.throwConvertedOtherException(ex);
    }
}
