package dev.recsys.index.catalog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The newest {@code k} matching items of each top category, the material of a cold-start feed's
 * category spread ({@link CatalogIndex#diverse}). A sorted search over every item of every category is
 * the expensive part of that feed and the same for every shopper with the same filter, so the answer is
 * kept per filter until the searcher changes (a refresh); a few filters (category, exclusions) cover
 * nearly all requests.
 */
final class NewestPerCategory {
    private final SearcherMemo<Key, List<ScoreDoc[]>> cache = new SearcherMemo<>(64);

    /** One list of docs per top category, in the categories' byte order, each newest first. */
    List<ScoreDoc[]> of(IndexSearcher searcher, ItemFilter filter, int k) throws IOException {
        Query base = CatalogSchema.matching(filter);
        Key key = new Key(filter, k);
        List<ScoreDoc[]> cached = cache.get(key, searcher);
        if (cached != null) {
            return cached;
        }
        List<ScoreDoc[]> perCategory = new ArrayList<>();
        for (String category : topCategories(searcher)) {
            Query query = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(CatalogSchema.CATEGORY_TOP, category)), Occur.FILTER)
                    .add(base, Occur.FILTER)
                    .build();
            perCategory.add(searcher.search(query, k, NewestItems.newestFirst()).scoreDocs);
        }
        List<ScoreDoc[]> answer = List.copyOf(perCategory);
        cache.put(key, searcher, answer);
        return answer;
    }

    /** The distinct top-level categories in the index, in byte order. */
    private static List<String> topCategories(IndexSearcher searcher) throws IOException {
        List<String> out = new ArrayList<>();
        Terms terms = MultiTerms.getTerms(searcher.getIndexReader(), CatalogSchema.CATEGORY_TOP);
        if (terms == null) {
            return out;
        }
        TermsEnum termsEnum = terms.iterator();
        for (BytesRef term = termsEnum.next(); term != null; term = termsEnum.next()) {
            out.add(term.utf8ToString());
        }
        return out;
    }

    private record Key(ItemFilter filter, int k) {}
}
