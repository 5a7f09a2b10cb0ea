package backprop.kernel.session;

import java.util.List;

/**
 * How a cell ended: ok with an optional value ({@code result}, the cell's Out[n]), or an error with the
 * exception name, message and a readable traceback (one line per entry).
 */
public record ExecutionResult(boolean ok, DisplayData result, String ename, String evalue, List<String> traceback) {

    public static ExecutionResult ok(DisplayData result) {
        return new ExecutionResult(true, result, null, null, List.of());
    }

    public static ExecutionResult error(String ename, String evalue, List<String> traceback) {
        return new ExecutionResult(false, null, ename, evalue, List.copyOf(traceback));
    }
}
