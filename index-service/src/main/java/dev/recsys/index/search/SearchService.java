package dev.recsys.index.search;

import dev.recsys.index.catalog.CatalogView;
import dev.recsys.index.catalog.Hit;
import dev.recsys.index.catalog.ItemFilter;
import dev.recsys.index.feed.RankingPolicy;
import dev.recsys.index.feed.ResultItem;
import dev.recsys.index.generations.CatalogLease;
import dev.recsys.index.generations.LiveCatalog;
import dev.recsys.index.users.UserVectorStore;
import dev.recsys.ranker.fairness.FairRanking;
import dev.recsys.ranker.rank.BlendWeights;
import dev.recsys.ranker.rank.Candidate;
import dev.recsys.ranker.rank.RankedItem;
import dev.recsys.ranker.rank.ScoreBlender;
import dev.recsys.ranker.rank.ScoreSource;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.UserVectors;
import dev.recsys.ranker.vector.VectorMath;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Text search personalised for the shopper.
 *
 * <p>Two retrievers answer the query: BM25 over the analysed text fields ({@value #ORIGIN_TEXT};
 * exact words, brands, model numbers) and a nearest-neighbour search with the embedded query text
 * ({@value #ORIGIN_VECTOR}; related wording, partial words). Their lists are fused with reciprocal
 * rank fusion: {@code rrf(d) = Σ 1 / (}{@value #RRF_K}{@code + rank(d))} over the lists that contain
 * {@code d}, ranks from 1. RRF uses only ranks because the two scores live on different scales — BM25
 * is unbounded and depends on the query's length and term statistics, a cosine lies in [-1, 1] — so
 * neither normalising nor adding them raw gives a meaningful sum, while an item ranked high by both
 * lists reliably beats one ranked high by one. The constant 60 is the value of the original paper
 * (Cormack, Clarke and Büttcher, SIGIR 2009); it damps the difference between the very first ranks.
 *
 * <p>The fused score is the {@link ScoreSource#TEXT} source of the blend. When the shopper has a
 * profile, {@link ScoreSource#CONTENT} (cosine between the shopper's and the item's content vectors)
 * joins it, so two equally relevant items are ordered by the shopper's taste; {@link
 * ScoreSource#POPULARITY} is the newness prior. The fairness pass decides the final order. Only items
 * in stock are returned.
 */
public final class SearchService {
    public static final String ORIGIN_TEXT = "bm25";
    public static final String ORIGIN_VECTOR = "knn-text";

    /** The RRF damping constant. */
    public static final int RRF_K = 60;

    /** How many hits each retriever contributes before fusion. */
    public static final int DEFAULT_CANDIDATES_PER_RETRIEVER = 100;

    private final LiveCatalog catalog;
    private final UserVectorStore users;
    private final RankingPolicy policy;
    private final BlendWeights weights;
    private final int candidatesPerRetriever;
    private final LongSupplier clock;
    private final ScoreBlender blender = new ScoreBlender();
    private final QueryVectors queryVectors = new QueryVectors(QueryVectors.DEFAULT_CAPACITY);

    public SearchService(
            LiveCatalog catalog,
            UserVectorStore users,
            RankingPolicy policy,
            BlendWeights weights,
            int candidatesPerRetriever,
            LongSupplier clock) {
        if (candidatesPerRetriever < 1 || candidatesPerRetriever > 10_000) {
            throw new IllegalArgumentException(
                    "candidatesPerRetriever must be between 1 and 10000, got " + candidatesPerRetriever);
        }
        this.catalog = catalog;
        this.users = users;
        this.policy = policy;
        this.weights = weights;
        this.candidatesPerRetriever = candidatesPerRetriever;
        this.clock = clock;
    }

    public RankingPolicy policy() {
        return policy;
    }

    /** The blend weights a request starts from. */
    public BlendWeights weights() {
        return weights;
    }

    /**
     * The ranked answer to a search on the live generation.
     *
     * @throws dev.recsys.index.generations.CatalogUnavailableException while no generation is live
     */
    public SearchResult search(SearchRequest request) {
        try (CatalogLease lease = catalog.acquire();
                CatalogView view = lease.index().view()) {
            return search(request, view);
        }
    }

    /**
     * Answers on one generation, held by the caller's lease for the whole request, and on one view of
     * it, so every candidate's vector is read by its document.
     */
    private SearchResult search(SearchRequest request, CatalogView view) {
        UserVectors user = request.user() == null
                ? null
                : users.get(request.user())
                        .filter(u -> view.personalisesWith(u.content()))
                        .orElse(null);
        ItemFilter filter = ItemFilter.NONE
                .inStock()
                .withCategory(request.category())
                .withPriceRange(request.priceMin(), request.priceMax());

        List<Hit> textHits = view.search(request.query(), candidatesPerRetriever, filter);
        float[] queryVector = queryVectors.of(view.embedder(), request.query());
        List<Hit> vectorHits =
                VectorMath.isZero(queryVector) ? List.of() : view.knn(queryVector, candidatesPerRetriever, filter);

        Map<String, Fused> fused = new LinkedHashMap<>();
        fuse(fused, textHits, ORIGIN_TEXT);
        fuse(fused, vectorHits, ORIGIN_VECTOR);

        long now = clock.getAsLong();
        List<Candidate> candidates = new ArrayList<>(fused.size());
        for (Fused entry : fused.values()) {
            CatalogItem item = entry.hit.item();
            Map<ScoreSource, Double> raw = new EnumMap<>(ScoreSource.class);
            raw.put(ScoreSource.TEXT, entry.rrf);
            raw.put(ScoreSource.POPULARITY, policy.newness(item, now));
            if (user != null) {
                raw.put(ScoreSource.CONTENT, view.contentCosine(entry.hit, user.content()));
            }
            candidates.add(new Candidate(
                    item.itemId(),
                    item.sellerId(),
                    item.category(),
                    policy.isProtected(item, now),
                    raw,
                    entry.origins));
        }
        List<RankedItem> blended = blender.blend(candidates, request.weights());
        FairRanking ranking = policy.rerank(blended, request.k());
        List<ResultItem> items = new ArrayList<>(ranking.items().size());
        for (RankedItem ranked : ranking.items()) {
            items.add(new ResultItem(fused.get(ranked.itemId()).hit.item(), ranked, List.of()));
        }
        return new SearchResult(
                request.query(),
                request.user(),
                user == null ? null : user.version(),
                user != null,
                view.generation(),
                textHits.size(),
                vectorHits.size(),
                candidates.size(),
                items,
                ranking.report());
    }

    /** Adds one retriever's list to the fusion: {@code 1 / (RRF_K + rank)} per item, ranks from 1. */
    static void fuse(Map<String, Fused> fused, List<Hit> hits, String origin) {
        for (int i = 0; i < hits.size(); i++) {
            Hit hit = hits.get(i);
            Fused entry = fused.computeIfAbsent(hit.itemId(), id -> new Fused(hit));
            if (entry.origins.add(origin)) {
                entry.rrf += 1.0 / (RRF_K + i + 1);
            }
        }
    }

    /** One item's fused score and the retrievers that found it. */
    static final class Fused {
        final Hit hit;
        final Set<String> origins = new TreeSet<>();
        double rrf;

        Fused(Hit hit) {
            this.hit = hit;
        }

        double rrf() {
            return rrf;
        }
    }
}
