package dev.recsys.index.catalog.sources;

import dev.recsys.ranker.records.InvalidRecordException;
import java.util.Locale;

/**
 * The one way text read from a file (or other input) gets into a message a client can see: a record's
 * error, a job's failure, a 400 answer. An excerpt is at most {@value #MAX_INPUT} characters of the input,
 * in single quotes, with backslashes, quotes and control characters escaped and an ellipsis where it was
 * cut, so a file's secrets never come back whole and nothing in it can forge the rest of a message.
 *
 * <p>Messages from elsewhere (a contract check, a parser, an exception) may quote input anywhere after
 * their own words; {@link #reason} keeps those words and turns everything from the first quote on into
 * one excerpt.
 */
public final class Excerpt {
    /** Characters of input an excerpt shows at most. */
    public static final int MAX_INPUT = 40;

    /** Characters a message (a record's reason, a job's failure) keeps at most. */
    public static final int MAX_MESSAGE = 300;

    /** Characters a field name keeps at most (an attribute's key comes from the file). */
    public static final int MAX_FIELD = 64;

    /** Characters of a message's own words {@link #reason} keeps before the excerpt. */
    private static final int MAX_WORDS = 160;

    private static final String ELLIPSIS = "…";

    private Excerpt() {}

    /** The start of {@code input}: {@code 'root:x:0:0:root:/root:/bin/bash'}, or {@code '…'…} when cut. */
    public static String of(String input) {
        if (input == null) {
            return "null";
        }
        int end = offsetAfter(input, 0, MAX_INPUT);
        return "'" + escape(input.substring(0, end)) + "'" + (end < input.length() ? ELLIPSIS : "");
    }

    /**
     * The {@value #MAX_INPUT} characters of {@code input} around {@code offset} (a parser's position,
     * which is just past what it could not read): half before, half after (all before at the end of the
     * text), an ellipsis on a cut side.
     */
    public static String around(String input, int offset) {
        if (input == null) {
            return "null";
        }
        int at = Math.max(0, Math.min(input.length(), offset));
        int start = Math.max(0, Math.min(at - MAX_INPUT / 2, input.length() - MAX_INPUT));
        start = Character.isLowSurrogate(charAt(input, start)) && start > 0 ? start - 1 : start;
        int end = offsetAfter(input, start, MAX_INPUT);
        return (start > 0 ? ELLIPSIS : "") + "'" + escape(input.substring(start, end)) + "'"
                + (end < input.length() ? ELLIPSIS : "");
    }

    /**
     * A message that may quote input after its own words ({@code is not an ISO-8601 instant: '…'}, an
     * exception's text): the words before the first quote, control characters escaped, then the rest as
     * one {@link #of excerpt} (without its closing quote); at most {@value #MAX_MESSAGE} characters.
     */
    public static String reason(String message) {
        if (message == null) {
            return "";
        }
        int quote = firstQuote(message);
        if (quote < 0) {
            return bounded(message, MAX_MESSAGE);
        }
        String quoted = message.substring(quote + 1);
        char mark = message.charAt(quote);
        if (!quoted.isEmpty() && quoted.charAt(quoted.length() - 1) == mark) {
            quoted = quoted.substring(0, quoted.length() - 1);
        }
        return bounded(message.substring(0, quote), MAX_WORDS) + of(quoted);
    }

    /** A field name that may come from input (an attribute's key): escaped, at most {@value #MAX_FIELD} characters. */
    public static String field(String field) {
        if (field == null) {
            return null;
        }
        int end = offsetAfter(field, 0, MAX_FIELD);
        return escape(field.substring(0, end)) + (end < field.length() ? ELLIPSIS : "");
    }

    /** {@code field 'price': must not be negative}, or the reason alone, each part made safe to show. */
    public static String problem(InvalidRecordException e) {
        String reason = reason(e.reason());
        return e.field() == null ? reason : "field '" + field(e.field()) + "': " + reason;
    }

    /**
     * {@code text} with control characters escaped and cut to {@code max} characters (an ellipsis last):
     * the bound every shown message keeps. Applying it twice changes nothing.
     */
    public static String bounded(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            out.append(unprintable(c) ? unicodeEscape(c) : Character.toString(c));
        }
        if (out.length() <= max) {
            return out.toString();
        }
        int cut = max - ELLIPSIS.length();
        if (Character.isHighSurrogate(out.charAt(cut - 1))) {
            cut--;
        }
        return out.substring(0, cut) + ELLIPSIS;
    }

    /** Backslash, quotes and control characters escaped; everything else as it is. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(unprintable(c) ? unicodeEscape(c) : Character.toString(c));
            }
        }
        return out.toString();
    }

    /**
     * Control characters, line and paragraph separators, invisible formatting (bidirectional overrides,
     * zero-width characters) and lone surrogates: what could hide or rearrange text on a terminal.
     */
    private static boolean unprintable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    private static String unicodeEscape(int c) {
        StringBuilder out = new StringBuilder();
        for (char unit : Character.toChars(c)) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) unit));
        }
        return out.toString();
    }

    /** The offset after {@code count} code points from {@code start} (or the end of the text). */
    private static int offsetAfter(String text, int start, int count) {
        int end = start;
        for (int n = 0; n < count && end < text.length(); n++) {
            end += Character.charCount(text.codePointAt(end));
        }
        return end;
    }

    private static char charAt(String text, int index) {
        return index < text.length() ? text.charAt(index) : 0;
    }

    private static int firstQuote(String message) {
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\'' || c == '"') {
                return i;
            }
        }
        return -1;
    }
}
