package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceDocTest {

    @Test
    void aRowPerSettingWithItsVariableDefaultAndMeaning() {
        String table = ReferenceDoc.table(Cli.spec(new SampleCommand()));

        assertTrue(table.startsWith("| flag | variable | default | meaning |\n"), table);
        assertTrue(table.contains("| `--http-port N` | `RECSYS_HTTP_PORT` | `8080` | HTTP port |\n"), table);
        assertTrue(table.contains("| `--fresh` | flag only | off | start from nothing |\n"), table);
        assertTrue(
                table.contains(
                        "| `--admin-token TOKEN` | `RECSYS_ADMIN_TOKEN` | — | bearer token of the admin endpoints |"),
                table);
        assertTrue(table.contains("| `--kafka-property KEY=VALUE` | flag only | — |"), table);
        assertTrue(
                table.contains("`--bootstrap-servers HOST:PORT[,...]` | `RECSYS_BOOTSTRAP_SERVERS` | `127.0.0.1:9092`"),
                table);
        assertTrue(!table.contains("--help"), "help and version are everywhere, not settings: " + table);
    }

    @Test
    void updateReplacesTheTablesAndKeepsTheProse() {
        String doc = "# Settings\n\nProse.\n\n" + ReferenceDoc.begin("recsys sample") + "\nold table\n"
                + ReferenceDoc.end("recsys sample") + "\n\nMore prose.\n";

        String updated = ReferenceDoc.update(doc, Map.of("recsys sample", "| new |\n"));

        assertEquals(
                "# Settings\n\nProse.\n\n" + ReferenceDoc.begin("recsys sample") + "\n| new |\n"
                        + ReferenceDoc.end("recsys sample") + "\n\nMore prose.\n",
                updated);
    }

    @Test
    void aMissingSectionIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> ReferenceDoc.update("# nothing\n", Map.of("recsys x", "")));
    }
}
