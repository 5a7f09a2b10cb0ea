package backprop.kernel.jshell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A cell split into Java code and line magics, in order. A line whose first non-blank character is '%' is a
 * magic only where a new statement could start, i.e. when the code before it (since the previous magic) is
 * complete; inside an unfinished statement it is code (e.g. the remainder operator on a line of its own).
 */
final class CellParts {
    /** A piece of a cell: a line magic (its text without the '%') or Java code starting on cell line {@code firstLine} (0-based). */
    record Part(boolean magic, String text, int firstLine) {}

    private CellParts() {}

    /** {@code complete} tells whether Java code is complete (every statement in it ended). */
    static List<Part> split(String cell, Predicate<String> complete) {
        List<Part> parts = new ArrayList<>();
        String[] lines = cell.split("\n", -1);
        StringBuilder chunk = new StringBuilder();
        int chunkStart = 0;
        for (int i = 0; i <= lines.length; i++) {
            boolean magic = i < lines.length && lines[i].stripLeading().startsWith("%")
                    && (chunk.toString().isBlank() || complete.test(chunk.toString()));
            if (i == lines.length || magic) {
                if (!chunk.toString().isBlank()) parts.add(new Part(false, chunk.toString(), chunkStart));
                chunk.setLength(0);
                chunkStart = i + 1;
                if (magic) parts.add(new Part(true, lines[i].stripLeading().substring(1), i));
            } else {
                if (chunk.length() == 0) chunkStart = i;
                chunk.append(lines[i]).append('\n');
            }
        }
        return parts;
    }
}
