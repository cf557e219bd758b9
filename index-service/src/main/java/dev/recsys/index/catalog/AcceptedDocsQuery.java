package dev.recsys.index.catalog;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * A request's filter, evaluated once over one searcher's segments, as a query the request's vector
 * searches share: each filtered vector search would otherwise evaluate the filter over the whole catalog
 * again, and a per-shopper filter would go through Lucene's shared query cache, one entry per shopper.
 * Matches by reference; never cached. Valid only on the searcher it was built on.
 */
final class AcceptedDocsQuery extends Query {
    private final List<FixedBitSet> perLeaf;

    private AcceptedDocsQuery(List<FixedBitSet> perLeaf) {
        this.perLeaf = perLeaf;
    }

    /** {@code filter} evaluated over every segment of {@code searcher}, without the query cache. */
    static AcceptedDocsQuery of(Query filter, IndexSearcher searcher) throws IOException {
        IndexSearcher uncached = new IndexSearcher(searcher.getIndexReader());
        uncached.setQueryCache(null);
        Weight weight = uncached.createWeight(uncached.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        FixedBitSet[] bits = new FixedBitSet[leaves.size()];
        for (LeafReaderContext leaf : leaves) {
            FixedBitSet accepted = new FixedBitSet(leaf.reader().maxDoc());
            Scorer scorer = weight.scorer(leaf);
            if (scorer != null) {
                accepted.or(scorer.iterator());
            }
            bits[leaf.ord] = accepted;
        }
        return new AcceptedDocsQuery(List.of(bits));
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext context) {
                FixedBitSet accepted = perLeaf.get(context.ord);
                Scorer scorer = new ConstantScoreScorer(
                        score(), scoreMode, new BitSetIterator(accepted, accepted.cardinality()));
                return new DefaultScorerSupplier(scorer);
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                return false;
            }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        visitor.visitLeaf(this);
    }

    @Override
    public String toString(String field) {
        return "AcceptedDocsQuery";
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
