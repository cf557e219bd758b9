package dev.recsys.index.feed;

import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.catalog.CatalogView;
import dev.recsys.index.catalog.Hit;
import dev.recsys.index.catalog.ItemFilter;
import dev.recsys.index.generations.CatalogLease;
import dev.recsys.index.generations.LiveCatalog;
import dev.recsys.index.sequence.SequenceModels;
import dev.recsys.index.trending.TrendingItem;
import dev.recsys.index.trending.TrendingItems;
import dev.recsys.index.users.NeighbourItem;
import dev.recsys.index.users.SimilarShoppers;
import dev.recsys.index.users.SimilarShoppersConfig;
import dev.recsys.index.users.UserVectorStore;
import dev.recsys.ranker.fairness.FairRanking;
import dev.recsys.ranker.rank.Candidate;
import dev.recsys.ranker.rank.RankedItem;
import dev.recsys.ranker.rank.ScoreBlender;
import dev.recsys.ranker.rank.ScoreSource;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.UserVectors;
import dev.recsys.ranker.vector.VectorMath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Builds a shopper's feed: candidates from several generators, blended scores, then the fairness
 * pass, each result with what explains it.
 *
 * <p>Generators, each with its count in {@link FeedConfig}: the nearest neighbours of the shopper's
 * content vector ({@value #ORIGIN_KNN}); the items with the largest CF preference x·y for their CF
 * factor when it belongs to the generation's model ({@value #ORIGIN_KNN_CF}); what the shopper's
 * nearest neighbours in the live shopper index recently engaged with ({@value #ORIGIN_SHOPPERS}); the
 * items the generation's neighbour lists reach from the shopper's recent items ({@value #ORIGIN_RECENT},
 * {@link RecentNeighbourSource});
 * the items trending now ({@value #ORIGIN_TRENDING}, from {@code item-stats}); the newest items
 * ({@value #ORIGIN_NEW}). All in stock, under the requested category, minus the shopper's recent
 * history (what they just viewed, bought or disliked) and what the request excludes; the filters run
 * inside the index searches. Score sources: {@link ScoreSource#CONTENT} (cosine), {@link
 * ScoreSource#CF} (x·y), {@link ScoreSource#SHOPPERS} (Σ similarity × event weight over the
 * neighbours), {@link ScoreSource#RECENT} (Σ 2^(−age/h) × item similarity over the recent list) and {@link
 * ScoreSource#POPULARITY} (trending score with the newness prior of {@link
 * RankingPolicy#newness}); the blender normalises each source over the candidates.
 *
 * <p>A shopper without a usable profile (unknown, or neither a content direction, a CF factor of the
 * model nor recent items with neighbours) gets a cold-start feed: what is trending, the newest items
 * and a category-spread sample ({@value #ORIGIN_DIVERSE}, seeded by the shopper id so their feed is stable), ranked by trending
 * first, then newness and the spread. Either way the fairness pass decides the final order.
 */
public final class FeedService {
    public static final String ORIGIN_KNN = "knn-content";
    public static final String ORIGIN_KNN_CF = "knn-cf";
    public static final String ORIGIN_NEW = "new";
    public static final String ORIGIN_TRENDING = "trending";
    public static final String ORIGIN_SHOPPERS = "similar-shoppers";
    public static final String ORIGIN_DIVERSE = "diverse";
    public static final String ORIGIN_RECENT = "recent-neighbours";
    public static final String ORIGIN_KNN_SEQ = "knn-seq";
    /** Shoppers whose sequence embedding is kept between requests (64 floats and a key each). */
    static final long CACHED_SEQUENCE_EMBEDDINGS = 100_000;

    private final LiveCatalog catalog;
    private final UserVectorStore users;
    private final TrendingItems trending;
    private final SimilarShoppers similarShoppers;
    private final RecentNeighbourSource recentNeighbours;
    private final SequenceModels sequences = new SequenceModels(CACHED_SEQUENCE_EMBEDDINGS);
    private final FeedConfig config;
    private final LongSupplier clock;
    private final ScoreBlender blender = new ScoreBlender();

    /**
     * @param catalog the live catalog generation (queries hold a lease on it while they run)
     * @param clock epoch milliseconds, for the newness prior
     */
    public FeedService(
            LiveCatalog catalog, UserVectorStore users, TrendingItems trending, FeedConfig config, LongSupplier clock) {
        this.catalog = catalog;
        this.users = users;
        this.trending = trending;
        this.similarShoppers = config.similarShopperCandidates() == 0
                ? null
                : new SimilarShoppers(
                        users, SimilarShoppersConfig.defaults().withItems(config.similarShopperCandidates()));
        this.recentNeighbours = new RecentNeighbourSource(config.recentHalfLife());
        users.onForget(sequences::forget);
        // A generation's sequence model is read before the generation serves, not by its first feed.
        catalog.prepareEach(sequences::of);
        this.config = config;
        this.clock = clock;
    }

    public FeedConfig config() {
        return config;
    }

    /**
     * The shopper's feed on the live generation.
     *
     * @throws dev.recsys.index.generations.CatalogUnavailableException while no generation is live
     */
    public Feed feed(FeedRequest request) {
        try (CatalogLease lease = catalog.acquire();
                CatalogView view = lease.index().view()) {
            return feed(request, lease.index(), view);
        }
    }

    /**
     * Answers on one generation, held by the caller's lease for the whole request, and on one view of
     * it, so every candidate's vectors are read by its document.
     */
    private Feed feed(FeedRequest request, CatalogIndex generation, CatalogView view) {
        Shopper shopper = shopper(request, generation, view);
        FeedCandidates proposals = gather(request, view, shopper);
        List<Candidate> candidates = new ArrayList<>(proposals.size());
        for (FeedCandidates.Proposal proposal : proposals.proposals()) {
            candidates.add(candidate(proposal, proposals, shopper, view));
        }
        List<RankedItem> blended = blender.blend(candidates, request.weights());
        FairRanking ranking = config.policy().rerank(blended, request.k());
        return new Feed(
                request.user(),
                shopper.profile.map(UserVectors::version).orElse(null),
                !shopper.personal(),
                view.generation(),
                candidates.size(),
                request.explain(),
                results(request, ranking, proposals, shopper, generation, view),
                ranking.report(),
                sourcesOf(candidates));
    }

    /** The score sources that scored at least one candidate, by JSON name, in {@link ScoreSource} order. */
    private static List<String> sourcesOf(List<Candidate> candidates) {
        EnumSet<ScoreSource> sources = EnumSet.noneOf(ScoreSource.class);
        for (Candidate candidate : candidates) {
            sources.addAll(candidate.rawScores().keySet());
        }
        return sources.stream().map(ScoreSource::jsonName).toList();
    }

    /**
     * What the request knows about the shopper: the profile, its content direction and CF factor when
     * they fit the generation, the scores of the recent items' neighbours, and the filter every generator
     * applies.
     *
     * @param user the profile when its content vector personalises on this generation, else {@code null}
     * @param excluded what the request excludes and the shopper's recent history
     */
    private record Shopper(
            Optional<UserVectors> profile,
            UserVectors user,
            float[] cf,
            float[] seq,
            RecentNeighbourScores recent,
            Set<String> excluded,
            ItemFilter filter,
            long now) {
        /** Whether any personal signal is there; without one the feed is a cold-start feed. */
        boolean personal() {
            return user != null || cf != null || seq != null || !recent.isEmpty();
        }
    }

    private Shopper shopper(FeedRequest request, CatalogIndex generation, CatalogView view) {
        Optional<UserVectors> profile = users.get(request.user());
        UserVectors user =
                profile.filter(u -> view.personalisesWith(u.content())).orElse(null);
        // A feed is for discovery: what the shopper just looked at, bought or disliked is not
        // shown again here (a "recently viewed" shelf is a different list).
        Set<String> excluded = new HashSet<>(request.exclude());
        profile.ifPresent(p -> p.recent().forEach(r -> excluded.add(r.itemId())));
        ItemFilter filter =
                ItemFilter.NONE.inStock().withCategory(request.category()).withExclusions(excluded);
        float[] cf = cfOf(profile.orElse(null), view);
        RecentNeighbourScores recent = profile.isPresent() && config.recentNeighbourCandidates() > 0
                ? recentNeighbours.score(profile.get(), generation)
                : RecentNeighbourScores.NONE;
        // The sequence model's embedding of the recent list; none without a model, with fewer than two items
        // it knows (the feed then works as without a model), or when the request weighs the model at 0.
        float[] seq = request.weights().weight(ScoreSource.SEQ) == 0
                ? null
                : sequences.embedding(profile.orElse(null), generation, view);
        return new Shopper(profile, user, cf, seq, recent, excluded, filter, clock.getAsLong());
    }

    /** Every generator's candidates, in the order the generators run. */
    private FeedCandidates gather(FeedRequest request, CatalogView view, Shopper shopper) {
        FeedCandidates proposals = new FeedCandidates(view, shopper.filter);
        ItemFilter filter = shopper.filter;
        if (shopper.user != null) {
            proposals.proposeAll(view.knn(shopper.user.content(), config.knnCandidates(), filter), ORIGIN_KNN);
        }
        if (shopper.cf != null && config.cfCandidates() > 0) {
            proposals.proposeAll(view.knnCf(shopper.cf, config.cfCandidates(), filter), ORIGIN_KNN_CF);
        }
        if (shopper.seq != null && config.cfCandidates() > 0) {
            // As many as CF proposes: both are trained models' nearest items.
            proposals.proposeAll(view.knnSeq(shopper.seq, config.cfCandidates(), filter), ORIGIN_KNN_SEQ);
        }
        if (!shopper.personal()) {
            List<Hit> spread = view.diverse(
                    config.coldStartCandidates(), filter, request.user().hashCode());
            for (int rank = 0; rank < spread.size(); rank++) {
                proposals.propose(spread.get(rank), ORIGIN_DIVERSE, 1.0 - (double) rank / spread.size());
            }
        }
        if (config.newCandidates() > 0) {
            proposals.proposeAll(view.newest(config.newCandidates(), filter), ORIGIN_NEW);
        }
        if (similarShoppers != null && shopper.profile.isPresent()) {
            for (NeighbourItem candidate : similarShoppers.candidates(shopper.profile.get(), shopper.excluded)) {
                proposals.proposeFromShopper(candidate, ORIGIN_SHOPPERS);
            }
        }
        int fromRecent = 0;
        for (String itemId : shopper.recent.ranked()) {
            if (fromRecent == config.recentNeighbourCandidates()) {
                break;
            }
            if (proposals.proposeById(itemId, ORIGIN_RECENT)) {
                fromRecent++;
            }
        }
        if (config.trendingCandidates() > 0) {
            for (TrendingItem hot : trending.top(config.trendingWindow(), config.trendingCandidates(), shopper.now)) {
                proposals.proposeTrending(hot.itemId(), hot.score(), ORIGIN_TRENDING);
            }
        }
        return proposals;
    }

    /** A proposal with the raw score of every source that has one for it. */
    private Candidate candidate(
            FeedCandidates.Proposal proposal, FeedCandidates proposals, Shopper shopper, CatalogView view) {
        CatalogItem item = proposal.hit.item();
        Map<ScoreSource, Double> raw = new EnumMap<>(ScoreSource.class);
        double trend = proposals.trendingScore(item.itemId());
        double newness = config.policy().newness(item, shopper.now);
        NeighbourItem neighbours = proposals.fromShoppers(item.itemId());
        if (neighbours != null) {
            raw.put(ScoreSource.SHOPPERS, neighbours.score());
        }
        Double recentScore = shopper.recent.score(item.itemId());
        if (recentScore != null) {
            raw.put(ScoreSource.RECENT, recentScore);
        }
        if (shopper.cf != null) {
            double preference = view.cfDot(proposal.hit, shopper.cf);
            if (!Double.isNaN(preference)) {
                raw.put(ScoreSource.CF, preference);
            }
        }
        if (shopper.seq != null) {
            double next = view.seqDot(proposal.hit, shopper.seq);
            if (!Double.isNaN(next)) {
                raw.put(ScoreSource.SEQ, next);
            }
        }
        if (shopper.personal()) {
            if (shopper.user != null) {
                raw.put(ScoreSource.CONTENT, view.contentCosine(proposal.hit, shopper.user.content()));
            }
            // How much the item is trending now, with the newness prior so that new items (which
            // no window has counted yet) are not all tied at zero.
            raw.put(ScoreSource.POPULARITY, (trend + newness) / 2);
        } else {
            // No personal signal: what is hot now first, then new arrivals and the category spread.
            raw.put(ScoreSource.POPULARITY, 0.6 * trend + 0.2 * newness + 0.2 * proposal.spreadPrior);
        }
        return new Candidate(
                item.itemId(),
                item.sellerId(),
                item.category(),
                config.policy().isProtected(item, shopper.now),
                raw,
                proposal.origins);
    }

    /** The ranked items with what explains each, when the request asks. */
    private List<ResultItem> results(
            FeedRequest request,
            FairRanking ranking,
            FeedCandidates proposals,
            Shopper shopper,
            CatalogIndex generation,
            CatalogView view) {
        History history = request.explain() && shopper.profile.isPresent()
                ? History.of(shopper.profile.get(), view, config.historySize())
                : History.EMPTY;
        List<ResultItem> items = new ArrayList<>(ranking.items().size());
        for (RankedItem ranked : ranking.items()) {
            Hit hit = proposals.hit(ranked.itemId());
            CatalogItem item = hit.item();
            // An item the sequence model lifted most is explained by the history items closest to it in the
            // model's item space; one the recent items' neighbour lists reached by those items
            // (co-interaction); any other by the history items closest in content.
            List<Because> because = !request.explain()
                    ? List.of()
                    : ledBySequenceModel(ranked.scoreParts())
                            ? history.explainBySequenceModel(
                                    item.itemId(), view.seqVector(hit), config.becausePerItem())
                            : shopper.recent.score(item.itemId()) != null
                                    ? shopper.recent.because(item.itemId(), generation, config.becausePerItem())
                                    : history.explain(item.itemId(), view.contentVector(hit), config.becausePerItem());
            items.add(new ResultItem(
                    item, ranked, because, request.explain() ? proposals.fromShoppers(item.itemId()) : null));
        }
        return items;
    }

    /** Whether the sequence model's part of the score is the largest of the personal ones. */
    static boolean ledBySequenceModel(Map<ScoreSource, Double> parts) {
        Double seq = parts.get(ScoreSource.SEQ);
        if (seq == null || seq <= 0) {
            return false;
        }
        for (ScoreSource other :
                List.of(ScoreSource.CONTENT, ScoreSource.CF, ScoreSource.RECENT, ScoreSource.SHOPPERS)) {
            if (parts.getOrDefault(other, 0.0) > seq) {
                return false;
            }
        }
        return true;
    }

    /**
     * The shopper's CF factor when it fits the generation's CF vectors (same model dimension, not all
     * zero), else null.
     */
    static float[] cfOf(UserVectors profile, CatalogView view) {
        if (profile == null || profile.cf() == null) {
            return null;
        }
        float[] cf = profile.cf();
        return cf.length == view.cfDimension() && !VectorMath.isZero(cf) ? cf : null;
    }

    /** The shopper's recent positive interactions with their content vectors, newest first. */
    record History(
            List<RecentInteraction> entries, List<CatalogItem> items, List<float[]> vectors, List<float[]> seqVectors) {
        static final History EMPTY = new History(List.of(), List.of(), List.of(), List.of());

        static History of(UserVectors user, CatalogView view, int size) {
            List<RecentInteraction> entries = new ArrayList<>();
            List<CatalogItem> items = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            List<float[]> seqVectors = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (RecentInteraction entry : user.recent()) {
                if (entries.size() >= size) {
                    break;
                }
                if (!seen.add(entry.itemId()) || entry.type() == EventType.DISLIKE) {
                    continue;
                }
                Optional<Hit> hit = view.find(entry.itemId());
                if (hit.isEmpty()) {
                    continue;
                }
                entries.add(entry);
                items.add(hit.get().item());
                vectors.add(view.contentVector(hit.get()));
                seqVectors.add(view.seqVector(hit.get()));
            }
            return new History(entries, items, vectors, seqVectors);
        }

        /** The history items most similar in content to the result (positive similarity only), best first. */
        List<Because> explain(String itemId, float[] vector, int limit) {
            return closest(itemId, vector, vectors, Because.Basis.CONTENT, limit);
        }

        /** The history items whose sequence model embeddings are closest to the result's, best first. */
        List<Because> explainBySequenceModel(String itemId, float[] seqVector, int limit) {
            return closest(itemId, seqVector, seqVectors, Because.Basis.SEQUENCE_MODEL, limit);
        }

        private List<Because> closest(
                String itemId, float[] vector, List<float[]> space, Because.Basis basis, int limit) {
            if (vector == null || entries.isEmpty() || limit == 0) {
                return List.of();
            }
            List<Because> out = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                RecentInteraction entry = entries.get(i);
                if (entry.itemId().equals(itemId) || space.get(i) == null) {
                    continue;
                }
                double similarity = VectorMath.cosine(vector, space.get(i));
                if (similarity > 0) {
                    out.add(new Because(entry.itemId(), items.get(i).title(), entry.type(), similarity, basis));
                }
            }
            out.sort(Comparator.comparingDouble(Because::similarity).reversed().thenComparing(Because::itemId));
            return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
        }
    }
}
