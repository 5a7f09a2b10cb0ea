package backprop.kernel.notebook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IpynbTest {

    /** The committed notebooks were last written by Jupyter's nbformat: read and written back, not a byte moves. */
    @Test
    void writesEveryNotebookByteForByteAsNbformatDoes() throws Exception {
        for (Path nb : NotebooksIT.notebooks()) {
            assertEquals(Files.readString(nb, StandardCharsets.UTF_8), Ipynb.toJson(Ipynb.read(nb)), nb.toString());
        }
    }

    @Test
    void splitsLinesAsPythonsSplitlines() {
        assertEquals(List.of("a\n", "b\r\n", "\r", "c\r", "d"), Ipynb.lines("a\nb\r\n\rc\rd"));
        assertEquals(List.of("x\u2028", "y\f", "z"), Ipynb.lines("x\u2028y\fz"));
        assertEquals(List.of(), Ipynb.lines(""));
    }

    @Test
    void emptyContainersAndNonAsciiAsNbformatWritesThem() throws Exception {
        ObjectNode nb = Ipynb.JSON.createObjectNode();
        nb.putArray("cells");
        nb.putObject("metadata");
        nb.put("nbformat", 4);
        nb.put("nbformat_minor", 5);
        nb.put("x", "δ \u001b");
        assertEquals("{\n \"cells\": [],\n \"metadata\": {},\n \"nbformat\": 4,\n \"nbformat_minor\": 5,\n \"x\": \"δ \\u001b\"\n}\n",
                Ipynb.toJson(nb));
    }

    @Test
    void writeReplacesTheFileAtOnceAndKeepsItsPermissions(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("n.ipynb");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        ObjectNode nb = Ipynb.read(Path.of("notebooks/1-forward-pass.ipynb"));
        Ipynb.write(nb, file);
        assertEquals(Ipynb.toJson(nb), Files.readString(file));
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(file), s.toList(), "no temporary file left");
        }
        Path fresh = tmp.resolve("new.ipynb");
        Ipynb.write(nb, fresh);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    }
}
