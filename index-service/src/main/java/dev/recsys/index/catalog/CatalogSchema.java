package dev.recsys.index.catalog;

import dev.recsys.ranker.json.CatalogItemJson;
import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.CharTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene document layout of a catalog item: field names, the analyser of each text field, how an item
 * becomes a document and how an {@link ItemFilter} becomes filter clauses. One place, so that indexing and
 * querying cannot drift apart.
 */
final class CatalogSchema {
    // Analysed text fields (BM25).
    static final String TITLE = "title";
    static final String DESCRIPTION = "description";
    static final String BRAND = "brand";
    static final String CATEGORY = "category";
    static final String TAGS = "tags";

    // Exact-match fields for filters, facets and sorting.
    static final String ITEM_ID = "itemId";
    static final String BRAND_EXACT = "brand.exact";
    static final String CATEGORY_PATH = "category.path";
    static final String CATEGORY_PREFIX = "category.prefix";
    static final String CATEGORY_TOP = "category.top";
    static final String SELLER_ID = "sellerId";
    static final String SELLER_TIER = "sellerTier";
    static final String IN_STOCK = "inStock";
    static final String PRICE = "price";
    static final String CREATED_AT = "createdAt";

    /** The whole item as its contract JSON, to rebuild the {@link CatalogItem}. */
    static final String SOURCE = "source";

    /** The content embedding. */
    static final String CONTENT = "content";

    /** The collaborative-filtering item factor; absent until CF training has produced one for the item. */
    static final String CF = "cf";
    /** The sequence model's item embedding: its dot product with a shopper's sequence embedding is the score. */
    static final String SEQ = "seq";

    /** Text fields searched by {@link CatalogIndex#search} and their query-time boosts. */
    static final Map<String, Float> SEARCH_BOOSTS =
            Map.of(TITLE, 3f, BRAND, 2f, TAGS, 2f, CATEGORY, 1.5f, DESCRIPTION, 1f);

    /** Search order of {@link #SEARCH_BOOSTS} (a fixed order keeps queries, and so scores, reproducible). */
    static final List<String> SEARCH_FIELDS = List.of(TITLE, BRAND, TAGS, CATEGORY, DESCRIPTION);

    /** Most terms taken from the query text per field. */
    static final int MAX_QUERY_TERMS = 64;

    private CatalogSchema() {}

    /**
     * English prose (title, description, tags): standard tokens, possessives removed, lower case, ASCII
     * folding, English stop words, Porter stemming ("Running Shoes" and "run shoe" meet).
     */
    static Analyzer englishAnalyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = new EnglishPossessiveFilter(source);
                stream = new LowerCaseFilter(stream);
                stream = new ASCIIFoldingFilter(stream);
                stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                stream = new PorterStemFilter(stream);
                return new TokenStreamComponents(source, stream);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }
        };
    }

    /**
     * Brand names: standard tokens, lower case, ASCII folding, and nothing else: a brand is a name, so
     * no stemming and no stop words ("The Ordinary", "Les Éditions" stay findable).
     */
    static Analyzer brandAnalyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(source));
                return new TokenStreamComponents(source, stream);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }
        };
    }

    /**
     * Category paths: split at the level separator {@code >} and inside a level at spaces, hyphens,
     * underscores, commas, slashes and ampersands; then lower case, ASCII folding, stop words and Porter
     * stemming, so {@code "toys>games>board-games"} is found by "board game".
     */
    static Analyzer categoryAnalyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = CharTokenizer.fromSeparatorCharPredicate(CatalogSchema::isCategorySeparator);
                TokenStream stream = new LowerCaseFilter(source);
                stream = new ASCIIFoldingFilter(stream);
                stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                stream = new PorterStemFilter(stream);
                return new TokenStreamComponents(source, stream);
            }
        };
    }

    private static boolean isCategorySeparator(int c) {
        return c == '>' || c == '-' || c == '_' || c == ',' || c == '/' || c == '&' || Character.isWhitespace(c);
    }

    /** The analyser of every field, for indexing and for analysing query text. */
    static PerFieldAnalyzerWrapper analyzer() {
        Analyzer english = englishAnalyzer();
        return new PerFieldAnalyzerWrapper(
                english,
                Map.of(
                        TITLE, english,
                        DESCRIPTION, english,
                        TAGS, english,
                        BRAND, brandAnalyzer(),
                        CATEGORY, categoryAnalyzer()));
    }

    /** The document of {@code item} with its content vector (none when {@code vector} is all zeros). */
    static Document document(CatalogItem item, float[] vector) {
        return document(item, vector, null);
    }

    /** {@link #document(CatalogItem, float[])} plus the item's CF vector when it has one (not null, not zero). */
    static Document document(CatalogItem item, float[] vector, float[] cf) {
        return document(item, vector, cf, null);
    }

    /** {@link #document(CatalogItem, float[], float[])} plus the item's sequence model embedding when it has one. */
    static Document document(CatalogItem item, float[] vector, float[] cf, float[] seq) {
        Document doc = new Document();
        doc.add(new StringField(ITEM_ID, item.itemId(), Field.Store.NO));
        doc.add(new SortedDocValuesField(ITEM_ID, new BytesRef(item.itemId())));

        doc.add(new TextField(TITLE, item.title(), Field.Store.NO));
        doc.add(new TextField(DESCRIPTION, item.description(), Field.Store.NO));
        doc.add(new TextField(BRAND, item.brand(), Field.Store.NO));
        doc.add(new TextField(CATEGORY, item.category(), Field.Store.NO));
        for (String tag : item.tags()) {
            doc.add(new TextField(TAGS, tag, Field.Store.NO));
        }

        String brand = item.brand().strip();
        doc.add(new StringField(BRAND_EXACT, brand, Field.Store.NO));
        doc.add(new SortedDocValuesField(BRAND_EXACT, new BytesRef(brand)));

        String path = ItemFilter.normaliseCategory(item.category());
        doc.add(new StringField(CATEGORY_PATH, path, Field.Store.NO));
        doc.add(new SortedDocValuesField(CATEGORY_PATH, new BytesRef(path)));
        for (String prefix : prefixes(path)) {
            doc.add(new StringField(CATEGORY_PREFIX, prefix, Field.Store.NO));
        }
        String top = topLevel(path);
        doc.add(new StringField(CATEGORY_TOP, top, Field.Store.NO));
        doc.add(new SortedDocValuesField(CATEGORY_TOP, new BytesRef(top)));

        doc.add(new StringField(SELLER_ID, item.sellerId(), Field.Store.NO));
        doc.add(new SortedDocValuesField(SELLER_ID, new BytesRef(item.sellerId())));
        if (item.sellerTier() != null) {
            doc.add(new StringField(SELLER_TIER, item.sellerTier(), Field.Store.NO));
            doc.add(new SortedDocValuesField(SELLER_TIER, new BytesRef(item.sellerTier())));
        }
        String inStock = Boolean.toString(item.inStock());
        doc.add(new StringField(IN_STOCK, inStock, Field.Store.NO));
        doc.add(new SortedDocValuesField(IN_STOCK, new BytesRef(inStock)));
        // Points for range filters plus doc values for sorting, in one field each.
        doc.add(new DoubleField(PRICE, item.price(), Field.Store.NO));
        doc.add(new LongField(CREATED_AT, item.createdAt().toEpochMilli(), Field.Store.NO));

        doc.add(new StoredField(SOURCE, CatalogItemJson.write(item)));
        if (!isZero(vector)) {
            doc.add(new KnnFloatVectorField(CONTENT, vector, VectorSimilarityFunction.DOT_PRODUCT));
        }
        if (cf != null && !isZero(cf)) {
            // CF factors are not unit length: their dot product is the model's preference score.
            doc.add(new KnnFloatVectorField(CF, cf, VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT));
        }
        if (seq != null && !isZero(seq)) {
            doc.add(new KnnFloatVectorField(SEQ, seq, VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT));
        }
        return doc;
    }

    /** {@code "a>b>c"} gives {@code ["a", "a>b", "a>b>c"]}; the empty path gives {@code [""]}. */
    static List<String> prefixes(String normalisedPath) {
        List<String> out = new ArrayList<>();
        StringBuilder prefix = new StringBuilder();
        for (String level : normalisedPath.split(">")) {
            if (!prefix.isEmpty()) {
                prefix.append('>');
            }
            prefix.append(level);
            out.add(prefix.toString());
        }
        return out;
    }

    static String topLevel(String normalisedPath) {
        int cut = normalisedPath.indexOf('>');
        return cut < 0 ? normalisedPath : normalisedPath.substring(0, cut);
    }

    static Term idTerm(String itemId) {
        return new Term(ITEM_ID, itemId);
    }

    /** The filter as a query to use as a FILTER clause, or {@code null} when it lets everything through. */
    static Query filterQuery(ItemFilter filter) {
        if (filter.isUnconstrained()) {
            return null;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        boolean positive = false;
        if (filter.categoryPrefix() != null) {
            query.add(new TermQuery(new Term(CATEGORY_PREFIX, filter.categoryPrefix())), Occur.FILTER);
            positive = true;
        }
        if (filter.priceMin() != null || filter.priceMax() != null) {
            double min = filter.priceMin() == null ? Double.NEGATIVE_INFINITY : filter.priceMin();
            double max = filter.priceMax() == null ? Double.POSITIVE_INFINITY : filter.priceMax();
            query.add(DoubleField.newRangeQuery(PRICE, min, max), Occur.FILTER);
            positive = true;
        }
        if (filter.inStockOnly()) {
            query.add(new TermQuery(new Term(IN_STOCK, "true")), Occur.FILTER);
            positive = true;
        }
        if (!filter.excludeItemIds().isEmpty()) {
            List<BytesRef> ids = new ArrayList<>(filter.excludeItemIds().size());
            for (String id : filter.excludeItemIds()) {
                ids.add(new BytesRef(id));
            }
            query.add(new TermInSetQuery(ITEM_ID, ids), Occur.MUST_NOT);
        }
        if (!positive) {
            // A Boolean query of only MUST_NOT clauses matches nothing.
            query.add(MatchAllDocsQuery.INSTANCE, Occur.FILTER);
        }
        return query.build();
    }

    /** {@link #filterQuery} as a query of its own: every item when the filter lets everything through. */
    static Query matching(ItemFilter filter) {
        Query query = filterQuery(filter);
        return query == null ? MatchAllDocsQuery.INSTANCE : query;
    }

    /** The distinct terms {@code analyzer} makes of {@code text} for {@code field}, at most {@code max}. */
    static Set<String> analyse(Analyzer analyzer, String field, String text, int max) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            int tokens = 0;
            while (tokens < max && stream.incrementToken()) {
                tokens++;
                if (term.length() > 0) {
                    terms.add(term.toString());
                }
            }
            stream.end();
        } catch (IOException e) {
            // Analysing a String does no I/O.
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    static boolean isZero(float[] vector) {
        for (float v : vector) {
            if (v != 0f) {
                return false;
            }
        }
        return true;
    }
}
