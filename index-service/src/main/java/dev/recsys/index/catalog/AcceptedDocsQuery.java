package dev.recsys.index.catalog;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * A request's filter, evaluated once over one searcher's segments, as a query the request's vector
 * searches share: each filtered vector search would otherwise evaluate the filter over the whole catalog
 * again, and a per-shopper filter would go through Lucene's shared query cache, one entry per shopper.
 * The filter without its exclusions comes from {@link SegmentFilterBits}; the request clears its
 * excluded items in a copy. Matches by reference; never cached. Valid only on the searcher it was built on.
 */
final class AcceptedDocsQuery extends Query {
    private final List<SegmentFilterBits.Matching> perLeaf;

    private AcceptedDocsQuery(List<SegmentFilterBits.Matching> perLeaf) {
        this.perLeaf = perLeaf;
    }

    /** {@code filter} over every segment of {@code searcher}, its exclusions applied to {@code kept} bits. */
    static AcceptedDocsQuery of(ItemFilter filter, IndexSearcher searcher, SegmentFilterBits kept) throws IOException {
        ItemFilter base = filter.withExclusions(Set.of());
        List<BytesRef> excluded =
                filter.excludeItemIds().stream().map(BytesRef::new).toList();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        SegmentFilterBits.Matching[] matching = new SegmentFilterBits.Matching[leaves.size()];
        for (LeafReaderContext leaf : leaves) {
            matching[leaf.ord] = without(kept.of(leaf, base), leaf, excluded);
        }
        return new AcceptedDocsQuery(List.of(matching));
    }

    /** {@code base} with the documents of {@code excluded} items cleared, in a copy when any was set. */
    private static SegmentFilterBits.Matching without(
            SegmentFilterBits.Matching base, LeafReaderContext leaf, List<BytesRef> excluded) throws IOException {
        if (excluded.isEmpty()) {
            return base;
        }
        Terms terms = leaf.reader().terms(CatalogSchema.ITEM_ID);
        if (terms == null) {
            return base;
        }
        TermsEnum ids = terms.iterator();
        PostingsEnum postings = null;
        FixedBitSet bits = null;
        int count = base.count();
        for (BytesRef id : excluded) {
            if (!ids.seekExact(id)) {
                continue;
            }
            postings = ids.postings(postings, PostingsEnum.NONE);
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (base.bits().get(doc)) {
                    if (bits == null) {
                        bits = base.bits().clone();
                    }
                    if (bits.getAndClear(doc)) {
                        count--;
                    }
                }
            }
        }
        return bits == null ? base : new SegmentFilterBits.Matching(bits, count);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext context) {
                SegmentFilterBits.Matching accepted = perLeaf.get(context.ord);
                Scorer scorer = new ConstantScoreScorer(
                        score(), scoreMode, new BitSetIterator(accepted.bits(), accepted.count()));
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
