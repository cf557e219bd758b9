package dev.recsys.index.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

class SearcherMemoTest {
    @Test
    void keepsAnAnswerOnlyForTheSearcherItCameFrom() throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
                writer.commit();
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher first = new IndexSearcher(reader);
                IndexSearcher refreshed = new IndexSearcher(reader);
                SearcherMemo<String, Integer> memo = new SearcherMemo<>(2);
                memo.put("a", first, 1);
                assertEquals(1, memo.get("a", first));
                assertNull(memo.get("a", refreshed), "another searcher's doc ids would be wrong");
                assertNull(memo.get("b", first));

                memo.put("a", refreshed, 4);
                assertEquals(4, memo.get("a", refreshed));
                assertNull(memo.get("a", first));
            }
        }
    }

    @Test
    void holdsNoMoreKeysThanItsCapacity() {
        SearcherMemo<Integer, Integer> memo = new SearcherMemo<>(64);
        IndexSearcher searcher = null; // the memo compares searchers by identity only
        for (int key = 0; key < 10_000; key++) {
            memo.put(key, searcher, key);
        }
        assertTrue(memo.size() <= 64, memo.size() + " keys held");
    }
}
