package dev.lsconsole.config;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Turns a config file's bytes into text the way litestream's YAML parser accepts them (UTF-8, or
 * UTF-16 with a byte-order mark; no control characters), so a binary or mis-encoded file gets one
 * sentence saying so instead of a decoder's "Input length = 1".
 */
final class ConfigText {
    private ConfigText() {
    }

    static String decode(Path file, byte[] bytes) {
        Charset cs = StandardCharsets.UTF_8;
        int skip = 0;
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
            cs = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
            cs = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF) {
            skip = 3;
        }
        String text;
        try {
            text = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException("config file " + file + " is not a YAML text file (it is not valid "
                    + cs.name() + " text; is it the right file?)");
        }
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c < 0x20 && c != '\t' && c != '\r' || c == 0x7f) {
                throw new ConfigException(String.format("config file %s is not a YAML text file (control "
                        + "character 0x%02X on line %d; is it the right file?)", file, (int) c, line));
            }
        }
        return text;
    }
}
