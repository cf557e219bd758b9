package dev.recsys.ranker.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The names in code are the ones other systems are told to use: the "Topics" table of docs/CONTRACTS.md. */
class TopicsTest {

    /** The table's rows, in order: {@code | `name` | key | ...}. */
    private static String topicsSection() throws IOException {
        // Tests run in the module's folder; the docs are beside it.
        String text = Files.readString(Path.of("").toAbsolutePath().resolveSibling("docs/CONTRACTS.md"));
        int start = text.indexOf("\n## Topics\n");
        int end = text.indexOf("\n## ", start + 1);
        assertTrue(start >= 0 && end > start, "docs/CONTRACTS.md has a Topics section");
        return text.substring(start, end);
    }

    @Test
    void everyTopicIsNamedAsTheDataContractsNameIt() throws IOException {
        Matcher row = Pattern.compile("(?m)^\\| `([a-z-]+)` \\|").matcher(topicsSection());
        List<String> documented = new ArrayList<>();
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertEquals(documented, Topics.ALL);
    }

    @Test
    void theCfModelRecordHasTheDocumentedKey() throws IOException {
        assertTrue(topicsSection().contains("| `" + Topics.CF_MODEL + "` | `" + Topics.CF_MODEL_KEY + "` |"));
    }
}
