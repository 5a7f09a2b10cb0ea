package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backprop.nn.Network;
import java.io.File;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OneSgdStepTest {

    @Test
    void oneSgdStepAsTheReadmeShowsIt() {
        Network net = Network.of(2, 3, 1).initUniform(0.5, 42);
        double[] x = {0.5, -0.2};
        assertEquals(1.076163394237644, net.sgdStep(x, 1.0, 0.1), 1e-15);
        assertEquals(0.5804268123902345, net.error(x, 1.0), 1e-15);
    }

    @Test
    void theLibraryBringsItsDependenciesOnceAndNothingOfTheKernel() {
        List<String> jars = Stream.of(System.getProperty("surefire.test.class.path").split(File.pathSeparator))
                .map(p -> new File(p).getName()).toList();
        assertEquals(1, jars.stream().filter(j -> j.startsWith("backprop-")).count(), jars.toString());
        assertEquals(1, jars.stream().filter(j -> j.startsWith("jackson-databind-")).count(), jars.toString());
        assertEquals(1, jars.stream().filter(j -> j.startsWith("xchart-")).count(), jars.toString());
        assertFalse(jars.stream().anyMatch(j -> j.startsWith("jeromq") || j.startsWith("maven-resolver")), jars.toString());
        assertThrows(ClassNotFoundException.class, () -> Class.forName("backprop.kernel.Main"));
        assertTrue(jars.stream().anyMatch(j -> j.matches("backprop-[0-9.]+(-SNAPSHOT)?\\.jar")), jars.toString());
    }
}
