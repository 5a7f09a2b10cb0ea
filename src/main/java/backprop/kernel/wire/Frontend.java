package backprop.kernel.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a request handler sends to the front end besides its reply (which it returns): messages on IOPub.
 * Safe from any thread.
 */
public interface Frontend {
    /** Publishes a message on IOPub with {@code parent} (may be null) as its parent. */
    void publish(Message parent, String type, ObjectNode content);
}
