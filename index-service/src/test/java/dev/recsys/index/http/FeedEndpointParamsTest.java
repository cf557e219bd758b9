package dev.recsys.index.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.feed.FeedRequest;
import dev.recsys.index.requests.InvalidRequestException;
import dev.recsys.ranker.rank.BlendWeights;
import dev.recsys.ranker.rank.ScoreSource;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeedEndpointParamsTest {

    private static FeedRequest parse(String query) {
        return FeedEndpoint.feedRequest(QueryParams.parse(query), BlendWeights.defaults());
    }

    private static InvalidRequestException rejected(String query) {
        return assertThrows(InvalidRequestException.class, () -> parse(query));
    }

    @Test
    void defaultsApplyWhenOnlyTheUserIsGiven() {
        FeedRequest request = parse("user=shopper-1");
        assertEquals("shopper-1", request.user());
        assertEquals(FeedRequest.DEFAULT_K, request.k());
        assertNull(request.category());
        assertTrue(request.exclude().isEmpty());
        assertTrue(request.explain());
        assertEquals(BlendWeights.defaults(), request.weights());
    }

    @Test
    void readsEveryParameter() {
        FeedRequest request = parse(
                "user=u%201&k=5&category=home%3Ekitchen&exclude=i1,i2&exclude=i3&explain=false&w.cf=0&w.content=2");
        assertEquals("u 1", request.user());
        assertEquals(5, request.k());
        assertEquals("home>kitchen", request.category());
        assertEquals(Set.of("i1", "i2", "i3"), request.exclude());
        assertFalse(request.explain());
        assertEquals(0.0, request.weights().weight(ScoreSource.CF));
        assertEquals(2.0, request.weights().weight(ScoreSource.CONTENT));
        assertEquals(
                BlendWeights.defaults().weight(ScoreSource.POPULARITY),
                request.weights().weight(ScoreSource.POPULARITY));
    }

    @Test
    void aMissingOrBlankUserIsRejectedNamingUser() {
        assertEquals("user", rejected("k=5").field());
        assertEquals("user", rejected("user=%20%20").field());
    }

    @Test
    void aUserIdOver128CharactersIsRejected() {
        assertEquals("user", rejected("user=" + "x".repeat(129)).field());
        assertEquals(128, parse("user=" + "x".repeat(128)).user().length());
    }

    @Test
    void kMustBeAnIntegerFrom1To100() {
        assertEquals("k", rejected("user=u&k=0").field());
        assertEquals("k", rejected("user=u&k=101").field());
        assertEquals("k", rejected("user=u&k=ten").field());
        assertEquals(100, parse("user=u&k=100").k());
        assertEquals(1, parse("user=u&k=1").k());
    }

    @Test
    void badWeightsAreRejectedNamingTheWeight() {
        assertEquals("w.cf", rejected("user=u&w.cf=11").field());
        assertEquals("w.content", rejected("user=u&w.content=abc").field());
        assertEquals("w.bogus", rejected("user=u&w.bogus=1").field());
    }

    @Test
    void explainMustBeABoolean() {
        assertEquals("explain", rejected("user=u&explain=perhaps").field());
    }

    @Test
    void tooManyExclusionsAreRejected() {
        StringBuilder query = new StringBuilder("user=u&exclude=");
        for (int i = 0; i <= FeedRequest.MAX_EXCLUDE; i++) {
            query.append(i == 0 ? "" : ",").append("item-").append(i);
        }
        assertEquals("exclude", rejected(query.toString()).field());
    }
}
