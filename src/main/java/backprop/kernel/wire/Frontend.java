package backprop.kernel.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a request handler sends to the front end besides its reply (which it returns): messages on IOPub, and
 * requests for input on the stdin channel.
 */
public interface Frontend {
    /** Publishes a message on IOPub with {@code parent} (may be null) as its parent. */
    void publish(Message parent, String type, ObjectNode content);

    /**
     * A line typed by the user of the front end that sent {@code parent} (input_request / input_reply on the
     * stdin channel); one at a time. Throws InterruptedException when the calling thread is interrupted.
     */
    String input(Message parent, String prompt, boolean password) throws InterruptedException;

    /** Ends a pending {@link #input} (it throws InterruptedException); nothing when none is pending. */
    void cancelInput();
}
