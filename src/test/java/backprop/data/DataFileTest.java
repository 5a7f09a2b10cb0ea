package backprop.data;

import backprop.nn.Examples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import backprop.io.TextFile;

import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
    void aByteOrderMarkIsSkipped() throws Exception {
        Path f = dir.resolve("bom.csv");
        byte[] text = "0.5,1,-1\n2,3,1\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(text, 0, bytes, 3, text.length);
        Files.write(f, bytes);
        Examples e = DataFile.read(f);
        assertArrayEquals(new double[][]{{0.5, 1}, {2, 3}}, e.xs());
        assertArrayEquals(new double[]{-1, 1}, e.ys());
        assertArrayEquals(e.xs(), DataFile.parse("s", "\uFEFF0.5 1 -1\n2 3 1").xs());
    }

    @Test
    void bytesThatAreNotUtf8AreNamedWithFileLineAndCharacter() throws Exception {
        Path f = dir.resolve("latin1.dat");
        // "1 2 3\n# café\n" in ISO-8859-1: é is the single byte 0xE9, not UTF-8
        Files.write(f, "1 2 3\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        TextFile.NotUtf8Exception e = assertThrows(TextFile.NotUtf8Exception.class, () -> DataFile.read(f));
        assertEquals("latin1.dat, line 2, character 6: byte 0xE9 is not UTF-8, expected a UTF-8 text file"
                + " (save it as UTF-8)", e.getMessage());
        assertEquals(2, e.line());
        assertEquals(6, e.character());
        assertInstanceOf(MalformedInputException.class, e);
        // characters, not bytes: "∑ 2 x" has 3 bytes before its second character
        Files.write(f, new byte[]{(byte) 0xE2, (byte) 0x88, (byte) 0x91, ' ', (byte) 0xFF});
        assertEquals("latin1.dat, line 1, character 3: byte 0xFF is not UTF-8, expected a UTF-8 text file"
                + " (save it as UTF-8)", assertThrows(MalformedInputException.class, () -> DataFile.read(f)).getMessage());
    }

    @Test
    void aMissingFileOrADirectoryIsNamedByItsPath() throws Exception {
        Path missing = dir.resolve("nothing.dat");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> DataFile.read(missing));
        assertEquals(missing + ": no such file (looked for " + missing.toAbsolutePath() + ")", e.getMessage());
        Path deeper = dir.resolve("no-dir").resolve("train.dat");
        assertEquals(deeper + ": no such file (looked for " + deeper.toAbsolutePath() + "; there is no directory "
                        + deeper.toAbsolutePath().getParent() + ")",
                assertThrows(NoSuchFileException.class, () -> DataFile.read(deeper)).getMessage());
        FileSystemException d = assertThrows(FileSystemException.class, () -> DataFile.read(dir));
        assertEquals(dir + ": is a directory, expected a file", d.getMessage());
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
