package backprop.data;

import backprop.io.AtomicFile;
import backprop.io.TextFile;
import backprop.nn.Examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Examples in a text file, one per line: the d components of x_n, then y_n, separated by whitespace
 * and/or one comma, e.g. {@code 0.155635 0.895377 1} or {@code 0.155635,0.895377,1}. Blank lines are
 * skipped, and so is everything from a {@code #} to the end of its line. Every data line must have
 * the same number of columns (at least 2: d >= 1, then y).
 */
public final class DataFile {
    private static final Pattern SEPARATOR = Pattern.compile("\\s*,\\s*|\\s+");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private DataFile() {
    }

    /**
     * Reads the examples of a file (UTF-8, with or without a byte-order mark), as {@link TextFile#read}
     * reads it.
     *
     * @throws DataFileException naming the file, line, column and token when the content is not examples
     * @throws java.nio.file.NoSuchFileException naming the path (and the absolute path) when there is no
     *         such file
     * @throws TextFile.NotUtf8Exception naming the file, line and character when the bytes are not UTF-8
     * @throws IOException       when the file cannot be read otherwise, e.g. it is a directory (the
     *         message names the path)
     */
    public static Examples read(Path file) throws IOException {
        return parse(String.valueOf(file.getFileName()), TextFile.read(file));
    }

    /**
     * Reads examples from text (a leading byte-order mark is skipped); {@code source} names it in error
     * messages.
     */
    public static Examples parse(String source, String text) throws DataFileException {
        try {
            return read(source, new StringReader(text));
        } catch (DataFileException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }

    /**
     * Reads examples from a reader (a leading byte-order mark is skipped); {@code source} names it in
     * error messages.
     */
    public static Examples read(String source, Reader reader) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<double[]> rows = new ArrayList<>();
        int columns = 0;
        int firstLine = 0;
        int lineNo = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // a UTF-8 byte-order mark, as some editors write
            }
            int hash = line.indexOf('#');
            String data = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (data.isEmpty()) {
                continue;
            }
            String[] tokens = SEPARATOR.split(data, -1);
            if (columns == 0) {
                if (tokens.length < 2) {
                    throw new DataFileException(source, lineNo, 0, "the first data line has " + tokens.length
                            + " column, expected at least 2 (the components of x, then y)");
                }
                columns = tokens.length;
                firstLine = lineNo;
            } else if (tokens.length != columns) {
                throw new DataFileException(source, lineNo, 0, "found " + tokens.length + " column"
                        + (tokens.length == 1 ? "" : "s") + ", expected " + columns + " like line " + firstLine
                        + " (d = " + (columns - 1) + " components of x, then y)");
            }
            double[] row = new double[columns];
            for (int c = 0; c < columns; c++) {
                row[c] = number(source, lineNo, c + 1, tokens[c]);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new DataFileException(source, 0, 0, "no examples found (" + lineNo
                    + " lines, all blank or # comments), expected lines of x_1 .. x_d y");
        }
        int d = columns - 1;
        double[][] x = new double[rows.size()][];
        double[] y = new double[rows.size()];
        for (int n = 0; n < rows.size(); n++) {
            x[n] = java.util.Arrays.copyOf(rows.get(n), d);
            y[n] = rows.get(n)[d];
        }
        return Examples.of(x, y);
    }

    private static double number(String source, int line, int column, String token) throws DataFileException {
        if (token.isEmpty()) {
            throw new DataFileException(source, line, column, "empty value (two commas, or a comma at the start or end)");
        }
        if (!NUMBER.matcher(token).matches()) {
            throw new DataFileException(source, line, column, "'" + token + "' is not a number");
        }
        double v = Double.parseDouble(token);
        if (Double.isInfinite(v)) {
            throw new DataFileException(source, line, column, "'" + token + "' is too large for a double");
        }
        return v;
    }

    /**
     * The examples as text in this format: one line per example, x_1 .. x_d y separated by one space,
     * each number in Java's shortest round-trip form (so {@link #parse} gives back the same doubles).
     */
    public static String format(Examples examples) {
        StringBuilder b = new StringBuilder();
        for (int n = 1; n <= examples.size(); n++) {
            for (double v : examples.x(n)) {
                b.append(v).append(' ');
            }
            b.append(examples.y(n)).append('\n');
        }
        return b.toString();
    }

    /** Writes {@link #format(Examples)} to a file (UTF-8), replacing it all or nothing. */
    public static void write(Examples examples, Path file) throws IOException {
        AtomicFile.write(file, format(examples).getBytes(StandardCharsets.UTF_8));
    }
}
