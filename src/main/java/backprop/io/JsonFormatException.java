package backprop.io;

import java.io.IOException;

/**
 * JSON that is not a valid network or history file: malformed or truncated text, a missing or
 * unknown field, a value of the wrong kind, or values that do not fit together (a matrix of the
 * wrong shape, d(L) != 1, x_0 not ±1). The message names the source, the JSON path of the problem
 * (e.g. {@code $.w[0][2][1]}) and what was expected.
 */
public final class JsonFormatException extends IOException {
    /** Where the JSON came from. */
    private final String source;
    /** The JSON path of the problem. */
    private final String path;
    /** What was wrong. */
    private final String problem;

    JsonFormatException(String source, String path, String problem) {
        super(source + ": " + path + ": " + problem);
        this.source = source;
        this.path = path;
        this.problem = problem;
    }

    /** Where the JSON came from: a file name, or "JSON text" for a string. */
    public String source() {
        return source;
    }

    /** The JSON path of the problem, {@code $} for the whole document, e.g. {@code $.sizes[2]}. */
    public String path() {
        return path;
    }

    /** What was wrong, without source and path. */
    public String problem() {
        return problem;
    }
}
