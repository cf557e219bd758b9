package dev.recsys.ingest.functions;

import dev.recsys.ranker.cf.CfModel;
import dev.recsys.ranker.json.CfModelJson;
import dev.recsys.ranker.records.InvalidRecordException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses {@code cf-model} values. Like item vectors, the topic is written by the project's own
 * training, so a bad record is logged and counted ({@code cfModelInvalid}) and skipped: the job
 * keeps folding in with the model it has. An empty value (tombstone) is skipped too.
 */
public final class ParseCfModel extends RichFlatMapFunction<byte[], CfModel> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ParseCfModel.class);

    private transient Counter invalid;

    @Override
    public void open(OpenContext context) {
        invalid = getRuntimeContext().getMetricGroup().counter("cfModelInvalid");
    }

    @Override
    public void flatMap(byte[] value, Collector<CfModel> out) {
        if (value.length == 0) {
            return;
        }
        String text = StrictUtf8.decodeOrNull(value);
        try {
            if (text == null) {
                throw new InvalidRecordException(null, "value is not valid UTF-8");
            }
            CfModel model = CfModelJson.parse(text);
            model.foldIn(); // an unusable model fails here once, not in every shopper's update
            out.collect(model);
        } catch (InvalidRecordException | IllegalArgumentException e) {
            invalid.inc();
            LOG.warn("skipping an invalid cf-model record: {}", e.getMessage());
        }
    }
}
