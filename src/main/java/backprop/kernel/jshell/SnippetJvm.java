package backprop.kernel.jshell;

import backprop.kernel.runtime.Agent;
import backprop.kernel.session.Timing;
import jdk.jshell.execution.StreamingExecutionControl;
import jdk.jshell.execution.Util;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * JShell's execution engine for the kernel: a separate JVM, started by the kernel itself WITHOUT a debugger
 * agent (JShell's own engine runs it under JDWP, which costs the hot loops of a training run 1.3-3x), with
 * {@code backprop.kernel.runtime.Agent} as its main class. Commands and the streams travel over one loopback
 * socket (JShell's {@code Util.remoteInputOutput}, TCP_NODELAY on both ends); the JVM's stdin is the kernel's
 * line for stop requests, and its end halts that JVM when the kernel is gone (even after kill -9).
 *
 * <p>A stop ({@link ExecutionControl#stop()}) asks the agent to stop the running cell (stop checks at loop
 * back-edges of snippet classes, {@code Thread.interrupt}, {@code Thread.stop} where the JDK has it); if the
 * cell still runs {@value #KILL_AFTER_MS} ms later, the JVM is killed, JShell shuts down, and
 * {@link #killedByStop()} says why.
 */
final class SnippetJvm implements ExecutionControlProvider {
    static final String NAME = "backprop-remote";
    /** How long a stopped cell may take to end before its JVM is killed. */
    static final long KILL_AFTER_MS = 1000;
    private static final int TIMEOUT_MS = 30_000;
    private static final ScheduledExecutorService KILLER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "snippet-jvm-killer");
        t.setDaemon(true);
        return t;
    });
    private final String agentClasspath;
    private volatile boolean killedByStop;
    private volatile boolean renderResult;
    private volatile Control control; // once the JVM is up

    /** @param agentClasspath the kernel's runtime classes and the configured class path */
    SnippetJvm(String agentClasspath) {
        String asm = location(org.objectweb.asm.ClassReader.class);
        this.agentClasspath = asm == null || List.of(agentClasspath.split(File.pathSeparator)).contains(asm)
                ? agentClasspath : agentClasspath + File.pathSeparator + asm;
    }

    /** Where a class was loaded from (ASM is in the kernel's jar, but a jar of its own in a build's tests). */
    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Forgets a stop that arrived while no cell code ran (JShell compiles before it runs); called as a cell starts. */
    void beginCell() {
        Control c = control;
        if (c != null) c.forgetPendingStop();
    }

    /**
     * Whether the value of the snippets run from now on may be the cell's result: the snippet JVM then renders a
     * rich value as it runs and sends its bundle back as a "result" frame before the run's reply.
     */
    void renderResult(boolean render) {
        renderResult = render;
    }

    /** True once a cell that did not end within {@value #KILL_AFTER_MS} ms of a stop cost this engine its JVM. */
    boolean killedByStop() {
        return killedByStop;
    }

    /**
     * Starts the snippet JVM on a background thread and returns at once: JShell's {@code build()} does not wait
     * for it, so the first compilations (the default imports, any startup script) run while it starts; the
     * first command that needs the JVM waits for it.
     */
    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        CompletableFuture<ExecutionControl> started = new CompletableFuture<>();
        Thread launcher = new Thread(() -> {
            try {
                started.complete(launch(env));
                Timing.mark("snippet JVM connected");
            } catch (Throwable t) {
                started.completeExceptionally(t);
            }
        }, "snippet-jvm-launch");
        launcher.setDaemon(true);
        launcher.start();
        return new Deferred(started, Set.copyOf(Arrays.asList(agentClasspath.split(File.pathSeparator))));
    }

    private ExecutionControl launch(ExecutionEnv env) throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(env.extraRemoteVMOptions());
            cmd.addAll(List.of("--class-path", agentClasspath, "backprop.kernel.runtime.Agent"));
            // stdout and stderr of the JVM itself (not of the cells: those go over the socket) into the kernel's log
            Process process = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                byte[] secret = new byte[64];
                new SecureRandom().nextBytes(secret);
                OutputStream toAgent = process.getOutputStream();
                toAgent.write((listener.getLocalPort() + "\n" + Base64.getEncoder().encodeToString(secret) + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
                toAgent.flush();
                Socket socket = accept(listener, process);
                socket.setTcpNoDelay(true);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                socket.setSoTimeout(TIMEOUT_MS);
                if (!Arrays.equals(secret, in.readNBytes(secret.length))) {
                    throw new IOException("the snippet JVM answered with a wrong secret");
                }
                socket.setSoTimeout(0);
                process.onExit().thenRun(env::closeDown);
                Map<String, OutputStream> outputs = new HashMap<>();
                outputs.put("out", env.userOut());
                outputs.put("err", env.userErr());
                Map<String, InputStream> inputs = new HashMap<>();
                inputs.put("in", env.userIn());
                return Util.remoteInputOutput(in, out, outputs, inputs,
                        (objIn, objOut) -> control = new Control(objOut, objIn, process, toAgent));
            } catch (IOException | RuntimeException | Error e) {
                process.destroyForcibly();
                throw e;
            }
        }
    }

    /** The agent's connection; fails early if the JVM exits before connecting (e.g. a bad --vm-option). */
    private static Socket accept(ServerSocket listener, Process process) throws IOException {
        listener.setSoTimeout(200);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (true) {
            try {
                return listener.accept();
            } catch (SocketTimeoutException e) {
                if (!process.isAlive()) {
                    throw new IOException("the snippet JVM exited with " + process.exitValue() + " before connecting (see the kernel's log)");
                }
                if (System.nanoTime() > deadline) throw new IOException("the snippet JVM did not connect within " + TIMEOUT_MS + " ms");
            }
        }
    }

    /**
     * An engine that is still starting: every command waits for it; a stop before it is up has nothing to stop.
     * A class path entry the JVM was launched with needs no command: its system class loader, which JShell's
     * loader asks first, has it already (so JShell's addToClasspath for the compiler does not wait for the JVM).
     */
    private static final class Deferred implements ExecutionControl {
        private final CompletableFuture<ExecutionControl> started;
        private final Set<String> launchClasspath;

        Deferred(CompletableFuture<ExecutionControl> started, Set<String> launchClasspath) {
            this.started = started;
            this.launchClasspath = launchClasspath;
        }

        private ExecutionControl engine() throws EngineTerminationException {
            try {
                return started.join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                EngineTerminationException failed = new EngineTerminationException("the snippet JVM could not start: " + cause);
                failed.initCause(cause);
                throw failed;
            }
        }

        @Override
        public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
            engine().load(cbcs);
        }

        @Override
        public void redefine(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
            engine().redefine(cbcs);
        }

        @Override
        public String invoke(String className, String methodName) throws RunException, EngineTerminationException, InternalException {
            return engine().invoke(className, methodName);
        }

        @Override
        public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
            return engine().varValue(className, varName);
        }

        @Override
        public void addToClasspath(String path) throws EngineTerminationException, InternalException {
            if (launchClasspath.contains(path)) return;
            engine().addToClasspath(path);
        }

        @Override
        public Object extensionCommand(String command, Object arg) throws RunException, EngineTerminationException, InternalException {
            return engine().extensionCommand(command, arg);
        }

        @Override
        public void stop() throws EngineTerminationException, InternalException {
            if (started.isDone()) engine().stop();
        }

        @Override
        public void close() {
            started.whenComplete((engine, failed) -> {
                if (engine != null) engine.close(); // now, or when a JVM still starting is up
            });
        }
    }

    /** The kernel side of one snippet JVM: JShell's command stream, plus stop requests and the kill. */
    private final class Control extends StreamingExecutionControl {
        private final Process process;
        private final OutputStream toAgent;
        private final Object lock = new Object();
        private long commands; // invoke and varValue commands sent; the agent counts the same
        private boolean running;
        private boolean stopPending; // a stop while the cell's snippet was still being compiled

        Control(ObjectOutput out, ObjectInput in, Process process, OutputStream toAgent) {
            super(out, in);
            this.process = process;
            this.toAgent = toAgent;
        }

        /** Counts the command; a stop that came while the snippet was compiled goes out with it. */
        private void started() throws EngineTerminationException {
            long number;
            synchronized (lock) {
                commands++;
                running = true;
                if (!stopPending) return;
                stopPending = false;
                number = commands;
            }
            stop(number);
        }

        void forgetPendingStop() {
            synchronized (lock) {
                stopPending = false;
            }
        }

        private void ended() {
            synchronized (lock) {
                running = false;
            }
        }

        @Override
        public String invoke(String className, String methodName) throws RunException, EngineTerminationException, InternalException {
            started();
            try {
                return super.invoke(className, renderResult ? methodName + Agent.RESULT_MARK : methodName);
            } finally {
                ended();
            }
        }

        @Override
        public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
            started();
            try {
                return super.varValue(className, varName);
            } finally {
                ended();
            }
        }

        /**
         * Asks the agent to stop the running cell and kills the JVM if the cell has not ended
         * {@value #KILL_AFTER_MS} ms later. JShell calls it only while it evaluates a snippet; when no code runs yet
         * (the snippet is being compiled) the stop waits for the snippet's run.
         */
        @Override
        public void stop() throws EngineTerminationException {
            long number;
            synchronized (lock) {
                if (!running) {
                    stopPending = true;
                    return;
                }
                number = commands;
            }
            stop(number);
        }

        /** Sends the agent a stop for command {@code number} (it may arrive before the command) and arms the kill. */
        private void stop(long number) throws EngineTerminationException {
            try {
                synchronized (toAgent) {
                    toAgent.write(("stop " + number + "\n").getBytes(StandardCharsets.US_ASCII));
                    toAgent.flush();
                }
            } catch (IOException e) {
                throw new EngineTerminationException("the snippet JVM is gone: " + e);
            }
            KILLER.schedule(() -> {
                synchronized (lock) {
                    if (!running || commands != number) return;
                    killedByStop = true;
                }
                process.destroyForcibly();
            }, KILL_AFTER_MS, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            super.close();
            try {
                toAgent.close(); // the agent halts when its stdin ends
            } catch (IOException ignored) {
                // gone already
            }
            process.destroy();
            KILLER.schedule(process::destroyForcibly, 2, TimeUnit.SECONDS);
        }
    }
}
