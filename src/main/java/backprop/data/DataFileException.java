package backprop.data;

import java.io.IOException;

/**
 * A data file that cannot be read as examples: its message names the file, the line (1-based) and,
 * where one token is at fault, the column (1-based) and the token, e.g.
 * {@code "train.dat, line 3, column 2: 'abc' is not a number"}.
 */
public final class DataFileException extends IOException {
    /** The file (or source) name. */
    private final String file;
    /** The line at fault, 1-based, or 0. */
    private final int line;
    /** The column at fault, 1-based, or 0. */
    private final int column;

    DataFileException(String file, int line, int column, String problem) {
        super(file + (line > 0 ? ", line " + line : "") + (column > 0 ? ", column " + column : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** The file (or source) name. */
    public String file() {
        return file;
    }

    /** The line at fault, 1-based, or 0 when the problem is the whole file (e.g. no examples). */
    public int line() {
        return line;
    }

    /** The column at fault, 1-based, or 0 when the problem is the whole line. */
    public int column() {
        return column;
    }
}
