package dev.recsys.ingest.functions;

import dev.recsys.ranker.json.ErasureJson;
import dev.recsys.ranker.records.Erasure;
import dev.recsys.ranker.records.InvalidRecordException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses {@code erasures} values ({@link ErasureJson}). The topic is written by the shop's own
 * privacy tooling, not by shoppers, so a bad record is logged with its reason and counted ({@code
 * erasuresInvalid}) and skipped, never fatal; it does not go to {@code interactions-dlq}, which is
 * for interactions. An empty value (a tombstone, compaction removing an erasure) erases nothing.
 */
public final class ParseErasure extends RichFlatMapFunction<byte[], Erasure> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ParseErasure.class);

    private transient Counter invalid;

    @Override
    public void open(OpenContext context) {
        invalid = getRuntimeContext().getMetricGroup().counter("erasuresInvalid");
    }

    /** The {@code erasuresInvalid} counter, once opened. */
    Counter invalid() {
        return invalid;
    }

    @Override
    public void flatMap(byte[] value, Collector<Erasure> out) {
        if (value.length == 0) {
            return;
        }
        String text = StrictUtf8.decodeOrNull(value);
        if (text == null) {
            skip("value is not valid UTF-8");
            return;
        }
        try {
            out.collect(ErasureJson.parse(text));
        } catch (InvalidRecordException | IllegalArgumentException e) {
            skip(e.getMessage());
        }
    }

    private void skip(String reason) {
        invalid.inc();
        LOG.warn("skipping an invalid erasures record: {}", reason);
    }
}
