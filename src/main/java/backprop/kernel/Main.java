package backprop.kernel;

import backprop.kernel.jshell.JShellSession;
import backprop.kernel.jshell.SessionConfig;
import backprop.kernel.session.Timing;
import backprop.kernel.session.Session;
import backprop.kernel.wire.ConnectionInfo;
import backprop.kernel.wire.KernelServer;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The Java kernel: {@code java -cp backprop-kernel.jar backprop.kernel.Main [--startup FILE]... [--vm-option OPT]... CONNECTION_FILE}.
 * The session (JShell and the JVM that runs the snippets) starts while the sockets come up.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        Timing.mark("main");
        List<Path> startup = new ArrayList<>();
        List<String> vmOptions = new ArrayList<>();
        Path connection = null;
        boolean warmup = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = true;
                case "--startup" -> startup.add(Paths.get(arg(args, ++i, "--startup needs a file")));
                case "--vm-option" -> vmOptions.add(arg(args, ++i, "--vm-option needs a JVM option for the snippet JVM"));
                default -> {
                    if (connection != null) usage("one connection file expected, got a second: " + args[i]);
                    connection = Paths.get(args[i]);
                }
            }
        }
        SessionConfig config = SessionConfig.fromEnvironment(System.getenv(), startup, vmOptions);
        if (warmup) {
            warmup(config);
            return;
        }
        if (connection == null) usage("no connection file given");

        CompletableFuture<Session> session = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                JShellSession s = new JShellSession(config);
                boolean requestWaiting = session.getNumberOfDependents() > 0; // a thread blocked in get()
                session.complete(s);
                if (!requestWaiting) warmUpWhileIdle(s);
            } catch (Throwable t) {
                KernelServer.log("the Java session could not start: " + t);
                session.completeExceptionally(t);
            }
        }, "session-start");
        starter.setDaemon(true);
        starter.start(); // first: javac's start is the longest part of the kernel's
        ConnectionInfo info;
        try {
            info = ConnectionInfo.read(connection);
        } catch (IOException | RuntimeException e) {
            KernelServer.log("the connection file cannot be used: "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file: " + connection : e.getMessage()));
            System.exit(2); // the session's threads would keep the JVM alive
            return;
        }
        Timing.mark("connection read");
        exitWithParent(System.getenv("JPY_PARENT_PID"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (session.isDone() && !session.isCompletedExceptionally()) session.join().close();
        }, "session-close"));

        Timing.mark("main: session starting");
        KernelServer server = new KernelServer(info);
        Timing.mark("sockets bound");
        JavaKernel kernel = new JavaKernel(server, session);
        server.publishStatus(null, "starting");
        server.serve(kernel);
        if (session.isDone() && !session.isCompletedExceptionally()) session.join().close();
        server.close();
        System.exit(0);
    }

    /**
     * Exits when the process that started the kernel is gone, as ipykernel does: Jupyter names it in
     * JPY_PARENT_PID. A kernel whose front end died would otherwise run on, with its snippet JVM.
     */
    private static void exitWithParent(String pid) {
        if (pid == null || pid.isBlank()) return;
        long parent;
        try {
            parent = Long.parseLong(pid.trim());
        } catch (NumberFormatException e) {
            KernelServer.log("JPY_PARENT_PID = '" + pid + "' is not a process id; the kernel does not watch its parent");
            return;
        }
        ProcessHandle.of(parent).ifPresentOrElse(
                p -> p.onExit().thenRun(() -> exitOrphaned(parent)),
                () -> exitOrphaned(parent));
    }

    private static void exitOrphaned(long parent) {
        KernelServer.log("the parent process " + parent + " (JPY_PARENT_PID) is gone: the kernel exits");
        System.exit(0);
    }

    /**
     * Runs typical requests once and exits: the installer runs this with -XX:ArchiveClassesAtExit to write a
     * class-data-sharing archive, so a real kernel starts with javac's classes already parsed.
     */
    private static void warmup(SessionConfig config) {
        KernelServer.log("warm-up run (for the class-data-sharing archive)");
        try (JShellSession s = new JShellSession(config)) {
            for (String code : new String[]{"1 + 1", "int warm(int x) { return 2 * x; }\nwarm(21)",
                    "System.out.println(\"warm\");", "\"text\".length()", "List.of(1, 2, 3)",
                    "new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB)",
                    "int bad = \"x\";", "Integer.parseInt(\"x\")"}) {
                s.execute(code, backprop.kernel.session.OutputSink.NONE);
            }
            s.complete("Math.ma", 7);
            s.inspect("Math.max", 8);
            s.isComplete("for (int i = 0; i < 3; i++) {");
        }
        try (WireWarmUp wire = new WireWarmUp()) {
            wire.roundTrips(20);
        } catch (Exception e) {
            KernelServer.log("warm-up of the wire protocol failed (the archive lacks its classes): " + e);
        }
        System.exit(0);
    }

    /**
     * Until the first request: the session's warm-up, with a few round trips through the wire protocol
     * ({@link WireWarmUp}) after each of its rounds.
     */
    private static void warmUpWhileIdle(JShellSession s) {
        try (WireWarmUp wire = new WireWarmUp()) {
            boolean[] failed = {false};
            s.warmUp(() -> {
                if (failed[0]) return;
                try {
                    wire.roundTrips(8);
                } catch (IOException | RuntimeException e) {
                    failed[0] = true;
                    KernelServer.log("warm-up of the wire protocol stopped: " + e);
                }
            });
        }
    }

    private static String arg(String[] args, int i, String why) {
        if (i >= args.length) usage(why);
        return args[i];
    }

    private static void usage(String why) {
        System.err.println("backprop kernel: " + why + "\nusage: java -cp backprop-kernel.jar backprop.kernel.Main "
                + "[--startup FILE]... [--vm-option OPT]... CONNECTION_FILE");
        System.exit(2);
    }
}
