package backprop.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a whole text file as UTF-8, with errors that say which file and what is wrong: a missing file
 * names its path and the absolute path looked for, a directory says so, and bytes that are not UTF-8
 * are reported with the line and character where they are. A UTF-8 byte-order mark at the start (which
 * some editors write) is dropped. Used for every file the library reads (networks, histories, data
 * files).
 */
public final class TextFile {
    private TextFile() {
    }

    /**
     * The text of {@code file}, decoded as UTF-8, without a leading byte-order mark.
     *
     * @param file the file to read
     * @return its text
     * @throws NoSuchFileException  if there is no such file; the message names the path and the absolute
     *                              path looked for, e.g. {@code "train.dat: no such file (looked for /home/me/train.dat)"}
     * @throws FileSystemException  if {@code file} is a directory: {@code "data: is a directory, expected a file"}
     * @throws NotUtf8Exception     if the bytes are not UTF-8 text; the message names the file, line and
     *                              character
     * @throws IOException          if the file cannot be read otherwise (as the JDK reports it)
     */
    public static String read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory, expected a file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            Path absolute = file.toAbsolutePath().normalize();
            Path parent = absolute.getParent();
            String where = parent != null && !Files.isDirectory(parent)
                    ? "looked for " + absolute + "; there is no directory " + parent
                    : "looked for " + absolute;
            throw new NoSuchFileException(file.toString(), null, "no such file (" + where + ")");
        }
        return decode(String.valueOf(file.getFileName()), bytes);
    }

    /** The bytes as UTF-8 text without a leading byte-order mark; {@code source} names them in errors. */
    static String decode(String source, byte[] bytes) throws NotUtf8Exception {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw notUtf8(source, bytes, in.position(), out.flip().toString());
        }
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static NotUtf8Exception notUtf8(String source, byte[] bytes, int at, String before) {
        int line = 1;
        for (int k = 0; k < at; k++) {
            if (bytes[k] == '\n') {
                line++;
            }
        }
        String lineSoFar = before.substring(before.lastIndexOf('\n') + 1);
        if (line == 1 && lineSoFar.startsWith("\uFEFF")) {
            lineSoFar = lineSoFar.substring(1);
        }
        int character = lineSoFar.codePointCount(0, lineSoFar.length()) + 1;
        return new NotUtf8Exception(source, line, character, bytes[at] & 0xff);
    }

    /**
     * Bytes that are not UTF-8 text, e.g. {@code "train.dat, line 3, character 5: byte 0xE9 is not
     * UTF-8, expected a UTF-8 text file (save it as UTF-8)"}. A {@link MalformedInputException}, as the
     * JDK's readers throw, with a message that says where.
     */
    public static final class NotUtf8Exception extends MalformedInputException {
        private static final long serialVersionUID = 1L;
        /** The file (or source) name. */
        private final String source;
        /** The line of the first bad byte, 1-based. */
        private final int line;
        /** The character of that line where the bad byte is, 1-based. */
        private final int character;
        /** The first bad byte, 0..255. */
        private final int badByte;

        NotUtf8Exception(String source, int line, int character, int badByte) {
            super(1);
            this.source = source;
            this.line = line;
            this.character = character;
            this.badByte = badByte;
        }

        /** The file (or source) name. */
        public String source() {
            return source;
        }

        /** The line of the first byte that is not UTF-8, 1-based. */
        public int line() {
            return line;
        }

        /** The character of that line where it is, 1-based (the characters before it, plus one). */
        public int character() {
            return character;
        }

        @Override
        public String getMessage() {
            return source + ", line " + line + ", character " + character + ": byte 0x"
                    + String.format(java.util.Locale.ROOT, "%02X", badByte)
                    + " is not UTF-8, expected a UTF-8 text file (save it as UTF-8)";
        }
    }
}
