package dev.recsys.ranker.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.cf.CfModel;
import dev.recsys.ranker.cf.Cholesky;
import dev.recsys.ranker.records.InvalidRecordException;

/**
 * JSON form of {@link CfModel}, the value of the compacted {@code cf-model} topic:
 * {@code {"generation": 7, "factors": 64, "lambda": 0.1, "alpha": 10, "yty": [k×k numbers]}}.
 * YᵀY is written as doubles: it is summed over the whole catalog, and the fold-in must match
 * training.
 */
public final class CfModelJson {
    private CfModelJson() {}

    public static CfModel parse(String json) {
        JsonFields fields = new JsonFields(Json.parseObject(json));
        long generation = fields.requiredLong("generation");
        if (generation < 0) {
            throw new InvalidRecordException("generation", "must not be negative");
        }
        long factors = fields.requiredLong("factors");
        if (factors < 1 || factors > Cholesky.MAX_SIZE) {
            throw new InvalidRecordException("factors", "must be between 1 and " + Cholesky.MAX_SIZE);
        }
        double lambda = fields.requiredDouble("lambda");
        if (!(lambda > 0) || !Double.isFinite(lambda)) {
            throw new InvalidRecordException("lambda", "must be a positive number");
        }
        double alpha = fields.requiredDouble("alpha");
        if (!(alpha >= 0) || !Double.isFinite(alpha)) {
            throw new InvalidRecordException("alpha", "must be a number not below 0");
        }
        int k = (int) factors;
        JsonNode node = fields.node().get("yty");
        if (!(node instanceof ArrayNode array) || array.size() != k * k) {
            throw new InvalidRecordException("yty", "must be an array of factors² = " + k * k + " numbers");
        }
        double[] yty = new double[k * k];
        for (int i = 0; i < yty.length; i++) {
            JsonNode element = array.get(i);
            if (!element.isNumber() || !Double.isFinite(element.doubleValue())) {
                throw new InvalidRecordException("yty", "entry " + i + " is not a finite number");
            }
            yty[i] = element.doubleValue();
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(yty[i * k + j] - yty[j * k + i]) > 1e-6 * (1 + Math.abs(yty[i * k + j]))) {
                    throw new InvalidRecordException("yty", "must be symmetric (entry " + i + "," + j + ")");
                }
            }
        }
        return new CfModel(generation, k, lambda, alpha, yty);
    }

    public static String write(CfModel model) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("generation", model.generation());
        node.put("factors", model.factors());
        node.put("lambda", model.lambda());
        node.put("alpha", model.alpha());
        ArrayNode yty = node.putArray("yty");
        for (double v : model.yty()) {
            yty.add(v);
        }
        return Json.write(node);
    }
}
