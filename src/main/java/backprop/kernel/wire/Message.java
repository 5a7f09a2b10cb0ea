package backprop.kernel.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One Jupyter message: the routing identities it came with, and its four JSON parts.
 * Buffers are kept as raw frames.
 */
public record Message(List<byte[]> identities, ObjectNode header, ObjectNode parentHeader,
                      ObjectNode metadata, ObjectNode content, List<byte[]> buffers) {

    public String type() {
        return header.path("msg_type").asText("");
    }

    public String id() {
        return header.path("msg_id").asText("");
    }
}
