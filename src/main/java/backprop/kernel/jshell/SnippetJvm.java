package backprop.kernel.jshell;

import backprop.kernel.session.Timing;
import com.sun.jdi.BooleanValue;
import com.sun.jdi.Field;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VirtualMachine;
import jdk.jshell.execution.JdiExecutionControl;
import jdk.jshell.execution.JdiInitiator;
import jdk.jshell.execution.Util;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * JShell's execution engine for the kernel: a separate JVM started and watched through JDI, like JShell's
 * own "jdi" engine (so {@link #stop()} ends even a busy loop, on JDK 17 and on JDK 20+ where Thread.stop is
 * gone), but with TCP_NODELAY on both ends of the command socket, and {@code backprop.kernel.runtime.Agent}
 * as the remote main class.
 */
final class SnippetJvm implements ExecutionControlProvider {
    static final String NAME = "backprop-jdi";
    private static final String REMOTE_CONTROL = "jdk.jshell.execution.RemoteExecutionControl";
    private static final int TIMEOUT_MS = 30_000;
    private final String agentClasspath;

    SnippetJvm(String agentClasspath) {
        this.agentClasspath = agentClasspath;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Starts the snippet JVM on a background thread and returns at once: JShell's {@code build()} does not wait
     * for it, so the first compilations (the default imports, the startup script) run while it starts; the
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
        return new Deferred(started);
    }

    private ExecutionControl launch(ExecutionEnv env) throws Throwable {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(TIMEOUT_MS);
            List<String> options = new ArrayList<>(env.extraRemoteVMOptions());
            options.add("--class-path");
            options.add(agentClasspath);
            JdiInitiator jdi = new JdiInitiator(-1, options, "backprop.kernel.runtime.Agent", false,
                    InetAddress.getLoopbackAddress().getHostAddress(), TIMEOUT_MS, Map.of());
            VirtualMachine vm = jdi.vm();
            Process process = jdi.process();
            try {
                byte[] secret = new byte[64];
                new SecureRandom().nextBytes(secret);
                OutputStream stdin = process.getOutputStream();
                stdin.write((listener.getLocalPort() + "\n" + Base64.getEncoder().encodeToString(secret) + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
                Util.detectJdiExitEvent(vm, reason -> env.closeDown());
                process.onExit().thenRun(env::closeDown);
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                socket.setSoTimeout(TIMEOUT_MS);
                if (!Arrays.equals(secret, in.readNBytes(secret.length))) {
                    throw new IOException("the snippet JVM answered with a wrong secret");
                }
                socket.setSoTimeout(0);
                Map<String, OutputStream> outputs = new HashMap<>();
                outputs.put("out", env.userOut());
                outputs.put("err", env.userErr());
                Map<String, InputStream> inputs = new HashMap<>();
                inputs.put("in", env.userIn());
                return Util.remoteInputOutput(in, out, outputs, inputs,
                        (objIn, objOut) -> new Control(objOut, objIn, vm, process));
            } catch (Throwable t) {
                process.destroyForcibly();
                throw t;
            }
        }
    }

    /** An engine that is still starting: every command waits for it; a stop before it is up has nothing to stop. */
    private static final class Deferred implements ExecutionControl {
        private final CompletableFuture<ExecutionControl> started;

        Deferred(CompletableFuture<ExecutionControl> started) {
            this.started = started;
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

    /** The kernel side of one snippet JVM. */
    private static final class Control extends JdiExecutionControl {
        private final Object stopLock = new Object();
        private boolean userCodeRunning;
        private VirtualMachine vm;
        private Process process;

        Control(ObjectOutput out, ObjectInput in, VirtualMachine vm, Process process) {
            super(out, in);
            this.vm = vm;
            this.process = process;
        }

        @Override
        protected synchronized VirtualMachine vm() throws EngineTerminationException {
            if (vm == null) throw new EngineTerminationException("the snippet JVM is gone");
            return vm;
        }

        @Override
        public String invoke(String className, String methodName) throws RunException, EngineTerminationException, InternalException {
            synchronized (stopLock) {
                userCodeRunning = true;
            }
            try {
                return super.invoke(className, methodName);
            } finally {
                synchronized (stopLock) {
                    userCodeRunning = false;
                }
            }
        }

        /**
         * Suspends the JVM, finds the thread inside RemoteExecutionControl's invoke, marks that a stop is expected
         * and throws the agent's own stop exception into that thread through JDI.
         */
        @Override
        public void stop() throws EngineTerminationException, InternalException {
            synchronized (stopLock) {
                if (!userCodeRunning) return;
                VirtualMachine v = vm();
                v.suspend();
                try {
                    for (ThreadReference thread : v.allThreads()) {
                        for (StackFrame frame : thread.frames()) {
                            String method = frame.location().method().name();
                            if (!REMOTE_CONTROL.equals(frame.location().declaringType().name())
                                    || !(method.equals("invoke") || method.equals("varValue"))) continue;
                            ObjectReference self = frame.thisObject();
                            Field inClientCode = self.referenceType().fieldByName("inClientCode");
                            Field expectingStop = self.referenceType().fieldByName("expectingStop");
                            Field stopException = self.referenceType().fieldByName("stopException");
                            if (((BooleanValue) self.getValue(inClientCode)).value()) {
                                self.setValue(expectingStop, v.mirrorOf(true));
                                ObjectReference exception = (ObjectReference) self.getValue(stopException);
                                v.resume();
                                thread.stop(exception);
                                self.setValue(expectingStop, v.mirrorOf(false));
                            }
                            return;
                        }
                    }
                } catch (Exception e) {
                    throw new InternalException("could not stop the snippet: " + e);
                } finally {
                    v.resume();
                }
            }
        }

        @Override
        public void close() {
            super.close();
            synchronized (this) {
                try {
                    if (vm != null) vm.dispose();
                } catch (RuntimeException ignored) {
                    // already disconnected
                } finally {
                    vm = null;
                    if (process != null) process.destroy();
                    process = null;
                }
            }
        }
    }
}
