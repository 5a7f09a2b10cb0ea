package backprop.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A kernel exits, with its snippet JVM, when the process named by JPY_PARENT_PID is gone (as ipykernel does). */
class ParentWatchTest {

    @Test
    @Timeout(120)
    void kernelExitsWhenItsParentIsGone() throws Exception {
        Process parent = new ProcessBuilder("sleep", "30").start();
        try (KernelClient k = new KernelClient(List.of(), parent.pid())) {
            k.waitReady();
            assertEquals("2", k.execute("1 + 1").result());
            List<ProcessHandle> snippetJvms = k.process.toHandle().descendants().toList();
            assertFalse(snippetJvms.isEmpty(), "the snippet JVM runs");
            assertTrue(k.process.isAlive(), "the kernel runs while its parent does");
            parent.destroy();
            parent.waitFor();
            assertTrue(k.process.waitFor(60, TimeUnit.SECONDS), "the kernel exits after its parent: " + k.log());
            assertTrue(k.log().contains("the parent process " + parent.pid() + " (JPY_PARENT_PID) is gone"), k.log());
            // The JVM that ran the snippets goes with it.
            for (ProcessHandle child : snippetJvms) {
                child.onExit().get(30, TimeUnit.SECONDS);
                assertFalse(child.isAlive(), "snippet JVM " + child.pid() + " exited");
            }
        }
    }
}
