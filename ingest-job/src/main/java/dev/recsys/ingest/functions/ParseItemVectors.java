package dev.recsys.ingest.functions;

import dev.recsys.ranker.json.ItemVectorsJson;
import dev.recsys.ranker.records.InvalidRecordException;
import dev.recsys.ranker.records.ItemVectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses {@code item-vectors} values. The topic is written by the project's own reindex and
 * training, so a bad record there is a bug upstream, not shopper input: it is logged and counted
 * ({@code itemVectorsInvalid}) and skipped, never fatal. Tombstones (empty values) are skipped
 * too: removing an item's vectors from the join state comes later.
 */
public final class ParseItemVectors extends RichFlatMapFunction<byte[], ItemVectors> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ParseItemVectors.class);

    private transient Counter invalid;
    private transient Counter tombstones;

    @Override
    public void open(OpenContext context) {
        invalid = getRuntimeContext().getMetricGroup().counter("itemVectorsInvalid");
        tombstones = getRuntimeContext().getMetricGroup().counter("itemVectorsTombstones");
    }

    @Override
    public void flatMap(byte[] value, Collector<ItemVectors> out) {
        if (value.length == 0) {
            tombstones.inc();
            return;
        }
        String text = StrictUtf8.decodeOrNull(value);
        if (text == null) {
            skip("value is not valid UTF-8");
            return;
        }
        try {
            out.collect(ItemVectorsJson.parse(text));
        } catch (InvalidRecordException e) {
            skip(e.getMessage());
        }
    }

    private void skip(String reason) {
        invalid.inc();
        LOG.warn("skipping an invalid item-vectors record: {}", reason);
    }
}
