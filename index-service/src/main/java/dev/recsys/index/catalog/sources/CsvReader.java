package dev.recsys.index.catalog.sources;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * RFC 4180 records with the line each starts on, read by commons-csv: comma-separated fields, fields in
 * double quotes may hold commas, line breaks and doubled quotes ({@code ""} for {@code "}). Records end at
 * {@code \n}, {@code \r\n} or {@code \r}; a blank line is a record with one empty field. Lenient where
 * files in the wild are: a quote inside an unquoted field is kept as a character, and text after a
 * closing quote is appended. A record longer than {@value #MAX_RECORD_LENGTH} characters is refused, so a
 * quote that never closes cannot pull a whole file into memory. Not thread-safe.
 */
final class CsvReader implements AutoCloseable {
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

    /** Characters one record may take (the parser reads ahead a block, so a block more is let through). */
    static final int MAX_RECORD_LENGTH = 1 << 20;

    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setTrailingData(true).get();

    private final RecordLimit limit;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;

    CsvReader(Reader reader) throws IOException {
        this.limit = new RecordLimit(Objects.requireNonNull(reader, "reader"));
        this.parser = CSVParser.parse(limit, FORMAT);
        this.records = parser.iterator();
    }

    /** The next record, or {@code null} at the end of input. */
    Row read() throws IOException {
        long start = parser.getCurrentLineNumber() + 1;
        limit.recordStarts();
        try {
            if (!records.hasNext()) {
                return null;
            }
            return new Row(start, List.of(records.next().values()));
        } catch (UncheckedIOException e) {
            throw switch (e.getCause()) {
                // With this format the parser's only complaint is a quoted field the input ends inside.
                case CSVException unterminated -> new MalformedCsvException(start, "unterminated quoted field");
                case RecordTooLongException tooLong -> new MalformedCsvException(start, tooLong.getMessage());
                case IOException io -> io; // the file itself: unreadable, not UTF-8
            };
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private static final class RecordTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        RecordTooLongException() {
            super("record longer than " + MAX_RECORD_LENGTH + " characters");
        }
    }

    /** Counts the characters the parser takes and fails once one record has taken too many. */
    private static final class RecordLimit extends FilterReader {
        private long taken;
        private long recordStart;

        RecordLimit(Reader in) {
            super(in);
        }

        void recordStarts() {
            recordStart = taken;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            count(c < 0 ? 0 : 1);
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws RecordTooLongException {
            taken += n;
            if (taken - recordStart > MAX_RECORD_LENGTH) {
                throw new RecordTooLongException();
            }
        }
    }
}
