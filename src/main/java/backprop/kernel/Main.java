package backprop.kernel;

import backprop.kernel.jshell.JShellSession;
import backprop.kernel.jshell.SessionConfig;
import backprop.kernel.session.Session;
import backprop.kernel.wire.ConnectionInfo;
import backprop.kernel.wire.KernelServer;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The Java kernel: {@code java -cp backprop.jar backprop.kernel.Main [--startup FILE]... [--vm-option OPT]... CONNECTION_FILE}.
 * The session (JShell and the JVM that runs the snippets) starts while the sockets come up.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        List<Path> startup = new ArrayList<>();
        List<String> vmOptions = new ArrayList<>();
        Path connection = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--startup" -> startup.add(Paths.get(arg(args, ++i, "--startup needs a file")));
                case "--vm-option" -> vmOptions.add(arg(args, ++i, "--vm-option needs a JVM option for the snippet JVM"));
                default -> {
                    if (connection != null) usage("one connection file expected, got a second: " + args[i]);
                    connection = Paths.get(args[i]);
                }
            }
        }
        if (connection == null) usage("no connection file given");
        ConnectionInfo info = ConnectionInfo.read(connection);
        SessionConfig config = SessionConfig.fromEnvironment(System.getenv(), startup, vmOptions);

        CompletableFuture<Session> session = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                session.complete(new JShellSession(config));
            } catch (Throwable t) {
                KernelServer.log("the Java session could not start: " + t);
                session.completeExceptionally(t);
            }
        }, "session-start");
        starter.setDaemon(true);
        starter.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (session.isDone() && !session.isCompletedExceptionally()) session.join().close();
        }, "session-close"));

        KernelServer server = new KernelServer(info);
        JavaKernel kernel = new JavaKernel(server, session);
        server.publishStatus(null, "starting");
        server.serve(kernel);
        if (session.isDone() && !session.isCompletedExceptionally()) session.join().close();
        server.close();
        System.exit(0);
    }

    private static String arg(String[] args, int i, String why) {
        if (i >= args.length) usage(why);
        return args[i];
    }

    private static void usage(String why) {
        System.err.println("backprop kernel: " + why + "\nusage: java -cp backprop.jar backprop.kernel.Main "
                + "[--startup FILE]... [--vm-option OPT]... CONNECTION_FILE");
        System.exit(2);
    }
}
