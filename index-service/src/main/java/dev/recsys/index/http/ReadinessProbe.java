package dev.recsys.index.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What {@code /readyz} asks the service. */
public interface ReadinessProbe {

    /** What the service still waits for, in words; empty when it is ready to serve. */
    List<String> missing();

    /** Facts for operators added to the answer (item count, generation, shoppers, ...). */
    void describe(ObjectNode into);
}
