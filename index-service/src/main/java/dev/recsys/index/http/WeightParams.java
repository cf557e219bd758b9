package dev.recsys.index.http;

import dev.recsys.index.requests.InvalidRequestException;
import dev.recsys.ranker.rank.BlendWeights;
import dev.recsys.ranker.rank.ScoreSource;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the per-request blend weights {@code w.cf}, {@code w.content}, {@code w.text}, {@code w.popularity}. */
public final class WeightParams {
    private static final Set<String> NAMES = Arrays.stream(ScoreSource.values())
            .map(source -> BlendWeights.PARAM_PREFIX + source.jsonName())
            .collect(Collectors.toUnmodifiableSet());

    private WeightParams() {}

    /**
     * The weights of {@code base} with the request's overrides; an unknown {@code w.} parameter or a
     * value that is not a number in [0, 10] is a 400 naming the parameter.
     */
    public static BlendWeights read(QueryParams params, BlendWeights base) {
        Map<String, String> given = params.withPrefix(BlendWeights.PARAM_PREFIX);
        for (Map.Entry<String, String> entry : given.entrySet()) {
            String name = entry.getKey();
            if (!NAMES.contains(name)) {
                throw new InvalidRequestException(
                        name,
                        "is not a weight (expected one of "
                                + String.join(", ", NAMES.stream().sorted().toList()) + ")");
            }
            params.get(name); // a repeated weight is a 400
            try {
                BlendWeights.parse(Map.of(name, entry.getValue()), base);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(name, e.getMessage());
            }
        }
        return BlendWeights.parse(given, base);
    }
}
