package backprop.kernel.wire;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/** HMAC signatures of the Jupyter wire protocol; an empty key disables signing as the spec says. */
public final class Signer {
    private final Mac mac;

    public Signer(String key, String scheme) {
        if (key == null || key.isEmpty()) {
            mac = null;
            return;
        }
        if (!scheme.startsWith("hmac-")) {
            throw new IllegalArgumentException("signature_scheme must look like hmac-sha256, got: " + scheme);
        }
        String alg = "Hmac" + scheme.substring(5).toUpperCase().replace("-", "");
        try {
            mac = Mac.getInstance(alg);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), alg));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("signature_scheme " + scheme + " is not supported by this JVM (" + alg + ")", e);
        }
    }

    /** The hex signature of the four JSON parts (header, parent, metadata, content). */
    public synchronized String sign(List<byte[]> parts) {
        if (mac == null) return "";
        mac.reset();
        for (byte[] p : parts) mac.update(p);
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /** Constant-time check; with signing disabled every signature is accepted. */
    public boolean verify(String signature, List<byte[]> parts) {
        if (mac == null) return true;
        if (signature == null || signature.isEmpty()) return false;
        byte[] expected = sign(parts).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }
}
