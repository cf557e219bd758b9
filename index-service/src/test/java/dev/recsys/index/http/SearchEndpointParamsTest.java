package dev.recsys.index.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recsys.index.requests.InvalidRequestException;
import dev.recsys.index.search.SearchRequest;
import dev.recsys.ranker.rank.BlendWeights;
import org.junit.jupiter.api.Test;

class SearchEndpointParamsTest {

    private static SearchRequest parse(String query) {
        return SearchEndpoint.searchRequest(QueryParams.parse(query), BlendWeights.defaults());
    }

    private static String rejectedField(String query) {
        return assertThrows(InvalidRequestException.class, () -> parse(query)).field();
    }

    @Test
    void readsQueryUserAndFilters() {
        SearchRequest request = parse("q=%20red+kettle%20&user=shopper-3&k=7&category=home&priceMin=10&priceMax=25.5");
        assertEquals("red kettle", request.query());
        assertEquals("shopper-3", request.user());
        assertEquals(7, request.k());
        assertEquals("home", request.category());
        assertEquals(10.0, request.priceMin());
        assertEquals(25.5, request.priceMax());
    }

    @Test
    void anAnonymousSearchHasNoUserAndDefaultK() {
        SearchRequest request = parse("q=lamp");
        assertNull(request.user());
        assertEquals(SearchRequest.DEFAULT_K, request.k());
    }

    @Test
    void theQueryIsRequiredAndAtMost256Characters() {
        assertEquals("q", rejectedField("user=u"));
        assertEquals("q", rejectedField("q=+++"));
        assertEquals("q", rejectedField("q=" + "a".repeat(257)));
        assertEquals(256, parse("q=" + "a".repeat(256)).query().length());
    }

    @Test
    void pricesMustBeNonNegativeNumbersInOrder() {
        assertEquals("priceMin", rejectedField("q=lamp&priceMin=-1"));
        assertEquals("priceMax", rejectedField("q=lamp&priceMax=cheap"));
        assertEquals("priceMax", rejectedField("q=lamp&priceMin=30&priceMax=20"));
        assertEquals(20.0, parse("q=lamp&priceMin=20&priceMax=20").priceMax());
    }

    @Test
    void kAndWeightsAreCheckedByName() {
        assertEquals("k", rejectedField("q=lamp&k=500"));
        assertEquals("w.text", rejectedField("q=lamp&w.text=-2"));
    }
}
