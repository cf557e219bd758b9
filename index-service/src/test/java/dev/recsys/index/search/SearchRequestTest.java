package dev.recsys.index.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recsys.index.requests.InvalidRequestException;
import dev.recsys.ranker.rank.BlendWeights;
import org.junit.jupiter.api.Test;

class SearchRequestTest {

    private static InvalidRequestException rejected(
            String query, String user, int k, Double priceMin, Double priceMax) {
        return assertThrows(
                InvalidRequestException.class,
                () -> new SearchRequest(query, user, k, null, priceMin, priceMax, BlendWeights.defaults()));
    }

    @Test
    void theQueryIsRequiredAndAtMost256Characters() {
        InvalidRequestException blank = rejected("   ", null, 10, null, null);
        assertEquals("q", blank.field());
        assertEquals("is required", blank.getMessage());
        assertEquals(
                "q",
                rejected("a".repeat(SearchRequest.MAX_QUERY_LENGTH + 1), null, 10, null, null)
                        .field());
        assertEquals("lamp", new SearchRequest(" lamp ", null, 10, null, null, null, null).query());
    }

    @Test
    void pricesMustBeFiniteNonNegativeAndInOrder() {
        assertEquals("priceMin", rejected("lamp", null, 10, -1.0, null).field());
        assertEquals("priceMax", rejected("lamp", null, 10, null, Double.NaN).field());
        InvalidRequestException order = rejected("lamp", null, 10, 30.0, 20.0);
        assertEquals("priceMax", order.field());
        assertEquals("must not be below priceMin (30.0 > 20.0)", order.getMessage());
    }

    @Test
    void kAndUserAreCheckedByName() {
        assertEquals(
                "k", rejected("lamp", null, SearchRequest.MAX_K + 1, null, null).field());
        assertEquals(
                "user",
                rejected("lamp", "u".repeat(SearchRequest.MAX_ID_LENGTH + 1), 10, null, null)
                        .field());
    }

    @Test
    void aBlankUserIsAnAnonymousSearch() {
        assertNull(new SearchRequest("lamp", " ", 10, null, null, null, null).user());
    }
}
