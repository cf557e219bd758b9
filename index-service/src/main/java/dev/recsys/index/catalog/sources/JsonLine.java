package dev.recsys.index.catalog.sources;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Parses one JSON object read from a file, as {@link Json#parseObject} does, but says what is wrong
 * without the parser's own message, which quotes the offending token whole: {@code malformed JSON
 * (Unrecognized token) at character 5: 'root:x:0:0:root:/root:/b'…} shows an {@link Excerpt} around
 * where reading stopped. The message is ready to show as it is (it is not a contract check's reason, which
 * {@link Excerpt#reason} would quote again).
 */
public final class JsonLine {
    /** Text that is not one JSON object; the message quotes at most an excerpt of it. */
    public static final class MalformedException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    private JsonLine() {}

    /**
     * @throws MalformedException when {@code text} is not one JSON object
     */
    public static ObjectNode parseObject(String text) {
        if (text == null || text.isBlank()) {
            throw new MalformedException("empty record");
        }
        JsonNode node;
        try (JsonParser parser = Json.MAPPER.createParser(text)) {
            node = Json.MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                int at = (int) parser.currentTokenLocation().getCharOffset();
                throw new MalformedException("malformed JSON: more after the first value at character " + (at + 1)
                        + ": " + Excerpt.around(text, at + 1));
            }
        } catch (JsonProcessingException e) {
            throw new MalformedException(malformed(e, text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a string", e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new MalformedException("expected a JSON object");
        }
        return object;
    }

    /**
     * The parser's description up to the first thing it quotes ("Unrecognized token", "Unexpected
     * character"), where it stopped, and an excerpt of the text there.
     */
    static String malformed(JsonProcessingException e, String text) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        int cut = original.length();
        for (char stop : new char[] {'\'', '"', '(', ':', '['}) {
            int at = original.indexOf(stop);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        String what = Excerpt.bounded(original.substring(0, cut).strip(), 60);
        JsonLocation location = e.getLocation();
        long offset = location == null ? -1 : location.getCharOffset();
        StringBuilder message = new StringBuilder("malformed JSON");
        if (!what.isEmpty()) {
            message.append(" (").append(what).append(')');
        }
        if (offset >= 0) {
            message.append(" at character ").append(offset + 1);
        }
        return message.append(": ")
                .append(Excerpt.around(text, (int) Math.max(0, offset)))
                .toString();
    }
}
