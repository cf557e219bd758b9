package dev.recsys.index.catalog.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
    private static List<CsvReader.Row> rows(String text) throws IOException {
        List<CsvReader.Row> rows = new ArrayList<>();
        try (CsvReader csv = new CsvReader(new StringReader(text))) {
            for (CsvReader.Row row = csv.read(); row != null; row = csv.read()) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void quotedFieldsKeepCommasDoubledQuotesAndLineBreaks() throws IOException {
        List<CsvReader.Row> rows = rows("a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x,\n3,,\"\"\n");
        assertEquals(3, rows.size());
        assertEquals(List.of("a", "b, c", "say \"hi\""), rows.get(0).fields());
        assertEquals(List.of("two\nlines", "x", ""), rows.get(1).fields());
        assertEquals(List.of("3", "", ""), rows.get(2).fields());
    }

    @Test
    void rowsCarryTheLineTheyStartOn() throws IOException {
        List<CsvReader.Row> rows = rows("h\n\"multi\nline\nfield\"\nnext\r\nlast");
        assertEquals(
                List.of(1L, 2L, 5L, 6L), rows.stream().map(CsvReader.Row::line).toList());
        assertEquals(List.of("last"), rows.get(3).fields());
    }

    @Test
    void emptyInputHasNoRows() throws IOException {
        assertEquals(List.of(), rows(""));
        try (CsvReader csv = new CsvReader(new StringReader(""))) {
            assertNull(csv.read());
        }
    }

    @Test
    void unterminatedQuoteNamesTheLineItStartsOn() {
        CsvReader.MalformedCsvException e =
                assertThrows(CsvReader.MalformedCsvException.class, () -> rows("a\nb\n\"open,\nnever closed\n"));
        assertEquals(3, e.line());
    }

    @Test
    void quoteInsideAnUnquotedFieldIsKept() throws IOException {
        assertEquals(List.of("5\" nails", "x"), rows("5\" nails,x\n").get(0).fields());
    }

    @Test
    void textAfterAClosingQuoteIsAppendedAndBlankLinesAreOneEmptyField() throws IOException {
        List<CsvReader.Row> rows = rows("\"abc\"def,x\n\nlast\n");
        assertEquals(List.of("abcdef", "x"), rows.get(0).fields());
        assertEquals(List.of(""), rows.get(1).fields());
        assertEquals(3, rows.get(2).line());
    }

    @Test
    void aQuoteThatNeverClosesStopsAtTheRecordLimitNamingItsLine() {
        String open = "id,name\n1,\"" + "x".repeat(CsvReader.MAX_RECORD_LENGTH + 10_000);
        CsvReader.MalformedCsvException e = assertThrows(CsvReader.MalformedCsvException.class, () -> rows(open));
        assertEquals(2, e.line());
        assertEquals("record longer than " + CsvReader.MAX_RECORD_LENGTH + " characters", e.getMessage());
    }

    @Test
    void aLongFileOfShortRecordsIsWithinTheLimit() throws IOException {
        String line = "1,\"a name, quoted\",61,19\n";
        int count = 2 * CsvReader.MAX_RECORD_LENGTH / line.length();
        assertEquals(count, rows(line.repeat(count)).size());
    }

    @Test
    void aFileThatIsNotUtf8FailsAsUnreadableNotAsMalformedCsv() {
        byte[] latin1 = "id,name\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        assertThrows(CharacterCodingException.class, () -> {
            try (CsvReader csv = new CsvReader(new InputStreamReader(new ByteArrayInputStream(latin1), decoder))) {
                while (csv.read() != null) {
                    // reading to the end
                }
            }
        });
    }
}
