package dev.recsys.index.catalog.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
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
}
