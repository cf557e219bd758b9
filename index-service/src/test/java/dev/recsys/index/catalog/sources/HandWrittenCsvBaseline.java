package dev.recsys.index.catalog.sources;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link CsvReader} as it was before commons-csv, kept as the baseline of {@link CsvReaderBenchmark}. A small RFC 4180 reader: comma-separated fields, fields in double quotes may hold commas, line breaks and
 * doubled quotes ({@code ""} for {@code "}). Records end at {@code \n}, {@code \r\n} or {@code \r}. Lenient
 * where files in the wild are: a quote inside an unquoted field is kept as a character, and text after a
 * closing quote is appended. Not thread-safe.
 */
final class HandWrittenCsvBaseline implements AutoCloseable {
    /** One record and the 1-based line it starts on. */
    record Row(long line, List<String> fields) {}

    /** Thrown for a record that cannot be read (an unterminated quote); names its starting line. */
    static final class MalformedCsvException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long line;

        MalformedCsvException(long line, String message) {
            super(message);
            this.line = line;
        }

        long line() {
            return line;
        }
    }

    private static final int MAX_FIELD_LENGTH = 1 << 20;

    private final Reader reader;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private long line = 1;
    private boolean eof;

    HandWrittenCsvBaseline(Reader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    private int next() throws IOException {
        if (position == limit) {
            if (eof) {
                return -1;
            }
            limit = reader.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                eof = true;
                return -1;
            }
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        int c = next();
        if (c >= 0) {
            position--;
        }
        return c;
    }

    /** The next record, or {@code null} at the end of input. A blank line is a record with one empty field. */
    Row read() throws IOException {
        int c = next();
        if (c < 0) {
            return null;
        }
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStart = true;
        while (true) {
            if (quoted) {
                if (c < 0) {
                    throw new MalformedCsvException(start, "unterminated quoted field");
                }
                if (c == '"') {
                    if (peek() == '"') {
                        next();
                        field.append('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n' || (c == '\r' && peek() != '\n')) {
                        line++;
                    }
                    append(field, (char) c, start);
                }
            } else if (c < 0 || c == '\n' || c == '\r') {
                fields.add(field.toString());
                if (c == '\r' && peek() == '\n') {
                    next();
                }
                if (c >= 0) {
                    line++;
                }
                return new Row(start, fields);
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                c = next();
                continue;
            } else if (c == '"' && fieldStart) {
                quoted = true;
            } else {
                append(field, (char) c, start);
            }
            fieldStart = false;
            c = next();
        }
    }

    private static void append(StringBuilder field, char c, long start) throws MalformedCsvException {
        if (field.length() >= MAX_FIELD_LENGTH) {
            throw new MalformedCsvException(start, "field longer than " + MAX_FIELD_LENGTH + " characters");
        }
        field.append(c);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
