package dev.recsys.index.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recsys.index.requests.InvalidRequestException;
import dev.recsys.ranker.rank.BlendWeights;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeedRequestTest {

    private static InvalidRequestException rejected(String user, int k, String category, Set<String> exclude) {
        return assertThrows(
                InvalidRequestException.class,
                () -> new FeedRequest(user, k, category, exclude, true, BlendWeights.defaults()));
    }

    @Test
    void aMissingOrBlankUserIsRejectedNamingUser() {
        InvalidRequestException missing = rejected(null, 10, null, Set.of());
        assertEquals("user", missing.field());
        assertEquals("is required", missing.getMessage());
        assertEquals("user", rejected("  ", 10, null, Set.of()).field());
    }

    @Test
    void outOfRangeValuesAreRejectedNamingTheirField() {
        assertEquals(
                "user",
                rejected("x".repeat(FeedRequest.MAX_ID_LENGTH + 1), 10, null, Set.of())
                        .field());
        InvalidRequestException k = rejected("u", FeedRequest.MAX_K + 1, null, Set.of());
        assertEquals("k", k.field());
        assertEquals("must be between 1 and 100, got 101", k.getMessage());
        assertEquals("k", rejected("u", 0, null, Set.of()).field());
        assertEquals(
                "category",
                rejected("u", 10, "c".repeat(FeedRequest.MAX_CATEGORY_LENGTH + 1), Set.of())
                        .field());
        Set<String> tooMany = new HashSet<>();
        for (int i = 0; i <= FeedRequest.MAX_EXCLUDE; i++) {
            tooMany.add("item-" + i);
        }
        assertEquals("exclude", rejected("u", 10, null, tooMany).field());
    }

    @Test
    void aBlankCategoryMeansNoneAndMissingValuesGetDefaults() {
        FeedRequest request = new FeedRequest("u", 5, "  ", null, false, null);
        assertNull(request.category());
        assertEquals(Set.of(), request.exclude());
        assertEquals(BlendWeights.defaults(), request.weights());
        assertEquals("home>kitchen", new FeedRequest("u", 5, " home>kitchen ", null, true, null).category());
    }
}
