package backprop.data;

import backprop.nn.Examples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class DataFileTest {
    @TempDir
    Path dir;

    @Test
    void readsWhitespaceSeparatedWithCommentsAndBlankLines() throws Exception {
        Path f = dir.resolve("train.dat");
        Files.writeString(f, "# x_1 x_2 y\n\n0.5 -0.25 1\n  -1e-3\t2.5E1   -1  # a comment\n\n.5 +3. 0\n");
        Examples e = DataFile.read(f);
        assertEquals(3, e.size());
        assertEquals(2, e.dimension());
        assertArrayEquals(new double[]{0.5, -0.25}, e.x(1));
        assertArrayEquals(new double[]{-0.001, 25}, e.x(2));
        assertArrayEquals(new double[]{0.5, 3}, e.x(3));
        assertArrayEquals(new double[]{1, -1, 0}, e.ys());
    }

    @Test
    void readsCommaSeparated() throws Exception {
        Examples e = DataFile.parse("a.csv", "1,2,3\n4 , 5 ,6\n");
        assertArrayEquals(new double[][]{{1, 2}, {4, 5}}, e.xs());
        assertArrayEquals(new double[]{3, 6}, e.ys());
    }

    @Test
    void aBadTokenIsNamedWithFileLineAndColumn() throws Exception {
        Path f = dir.resolve("bad.dat");
        Files.writeString(f, "1 2 3\n# comment\n4 abc 6\n");
        DataFileException e = assertThrows(DataFileException.class, () -> DataFile.read(f));
        assertEquals("bad.dat, line 3, column 2: 'abc' is not a number", e.getMessage());
        assertEquals(3, e.line());
        assertEquals(2, e.column());
        assertEquals("bad.dat", e.file());
    }

    @Test
    void otherBadContent() {
        assertEquals("s, line 2: found 2 columns, expected 3 like line 1 (d = 2 components of x, then y)",
                assertThrows(DataFileException.class, () -> DataFile.parse("s", "1 2 3\n4 5\n")).getMessage());
        assertEquals("s, line 1, column 3: 'NaN' is not a number",
                assertThrows(DataFileException.class, () -> DataFile.parse("s", "1 2 NaN\n")).getMessage());
        assertEquals("s, line 1, column 1: '1d' is not a number",
                assertThrows(DataFileException.class, () -> DataFile.parse("s", "1d 2\n")).getMessage());
        assertEquals("s, line 2, column 2: '1e999' is too large for a double",
                assertThrows(DataFileException.class, () -> DataFile.parse("s", "1 2\n3 1e999\n")).getMessage());
        assertEquals("s, line 1, column 2: empty value (two commas, or a comma at the start or end)",
                assertThrows(DataFileException.class, () -> DataFile.parse("s", "1,,2\n")).getMessage());
        assertEquals("s, line 3: the first data line has 1 column, expected at least 2 (the components of x, then y)",
                assertThrows(DataFileException.class, () -> DataFile.parse("s", "#\n\n7\n")).getMessage());
        assertEquals("s: no examples found (2 lines, all blank or # comments), expected lines of x_1 .. x_d y",
                assertThrows(DataFileException.class, () -> DataFile.parse("s", "# nothing\n\n")).getMessage());
    }

    @Test
    void writeThenReadGivesTheSameDoubles() throws Exception {
        Examples e = Sample.noisy(Targets.tanhOfSum(), 100, 3, 0.3, 8);
        Path f = dir.resolve("sample.dat");
        DataFile.write(e, f);
        Examples back = DataFile.read(f);
        assertArrayEquals(e.xs(), back.xs());
        assertArrayEquals(e.ys(), back.ys());
    }
}
