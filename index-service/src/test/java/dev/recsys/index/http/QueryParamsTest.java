package dev.recsys.index.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recsys.index.requests.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

    @Test
    void decodesPercentEscapesAsUtf8AndPlusAsSpace() {
        QueryParams params = QueryParams.parse("q=caf%C3%A9+cr%C3%A8me&category=home%3Ekitchen");
        assertEquals("café crème", params.get("q"));
        assertEquals("home>kitchen", params.get("category"));
    }

    @Test
    void listParametersMayRepeatOrUseCommas() {
        QueryParams params = QueryParams.parse("exclude=a&exclude=b,c&exclude=%20d%20,a");
        assertEquals(List.of("a", "b", "c", "d"), params.list("exclude", 10, 128));
    }

    @Test
    void emptyValuesCountAsAbsent() {
        QueryParams params = QueryParams.parse("k=&user");
        assertNull(params.get("k"));
        assertNull(params.get("user"));
        assertEquals(20, params.intInRange("k", 20, 1, 100));
    }

    @Test
    void aRepeatedSingleValueParameterIsRejectedByName() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> QueryParams.parse("k=1&k=2")
                .get("k"));
        assertEquals("k", e.field());
        assertEquals("must be given at most once", e.getMessage());
    }

    @Test
    void malformedPercentEncodingIsRejectedNamingTheParameter() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> QueryParams.parse("q=%E0%A4%A"));
        assertEquals("q", e.field());
        assertEquals("malformed percent-encoding in the query string", e.getMessage());
    }

    @Test
    void numbersOutOfRangeNameTheParameter() {
        QueryParams params = QueryParams.parse("k=0&priceMin=-3&explain=maybe");
        assertEquals(
                "k",
                assertThrows(InvalidRequestException.class, () -> params.intInRange("k", 20, 1, 100))
                        .field());
        assertEquals(
                "priceMin",
                assertThrows(InvalidRequestException.class, () -> params.nonNegativeDouble("priceMin"))
                        .field());
        assertEquals(
                "explain",
                assertThrows(InvalidRequestException.class, () -> params.bool("explain", true))
                        .field());
    }
}
