// The backprop kernel runs this at startup (kernel.json passes it with --startup).
// Each import is its own snippet: a package that does not exist yet fails only its own line,
// the kernel reports that on its stderr and goes on. The imports come first: JShell recompiles
// every method already defined when an import is added (~0.2-0.4 s per import at startup).
import backprop.nn.*;
import backprop.data.*;
import backprop.show.*;
import backprop.io.*;

// Progress of a training run in a notebook: the library's text bar (backprop.show.Progress, whose text
// depends only on the steps done, never on the clock, so a saved notebook is the same on every run),
// shown once and then updated in place with display / updateDisplay.
//   var bar = progressBar("training", T);  ...  bar.accept(t);
//   withProgress(Trainer.sgd(0.1, 50_000)).train(net, examples)
java.util.function.LongConsumer progressBar(String label, long total) {
    String[] id = {null, null};
    return done -> {
        String text = Progress.bar(label, done, total);
        if (text.equals(id[1])) return;
        id[1] = text;
        if (id[0] == null) id[0] = display(text); else updateDisplay(id[0], text);
    };
}

Trainer withProgress(Trainer trainer) {
    var bar = progressBar("t", trainer.updates());
    return trainer.onRecord(p -> bar.accept(p.t()));
}
