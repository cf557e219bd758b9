package dev.recsys.infra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlagsTest {

    private static final Set<String> KNOWN = Set.of("--port", "--data", "--jvm-opts");

    @Test
    void valueStartingWithDashesIsTakenAsItIs() throws Exception {
        Flags flags = Flags.parse(new String[] {"--jvm-opts", "--add-opens=java.base/java.util=ALL-UNNAMED"}, KNOWN);

        assertEquals(Optional.of("--add-opens=java.base/java.util=ALL-UNNAMED"), flags.string("--jvm-opts"));
    }

    @Test
    void equalsFormAndSpaceFormMeanTheSame() throws Exception {
        Flags flags = Flags.parse(new String[] {"--port=1234", "--data", "d"}, KNOWN);

        assertEquals(1234, flags.port("--port", 1, 0));
        assertEquals(Path.of("d"), flags.path("--data", "x"));
    }

    @Test
    void absentFlagsGiveTheDefault() throws Exception {
        Flags flags = Flags.parse(new String[0], KNOWN);

        assertEquals(9092, flags.port("--port", 9092, 1));
        assertEquals(Path.of("data/x"), flags.path("--data", "data/x"));
    }

    @Test
    void problemsNameTheFlag() {
        assertMessage("unknown flag --nope", new String[] {"--nope", "1"});
        assertMessage("--port needs a value", new String[] {"--port"});
        assertMessage("--port is given more than once", new String[] {"--port", "1", "--port", "2"});
        assertMessage("unexpected argument 'stray' (flags look like --name value)", new String[] {"stray"});
    }

    @Test
    void requiredFlagMustBeGiven() throws Exception {
        Flags flags = Flags.parse(new String[0], KNOWN);

        UsageException e = assertThrows(UsageException.class, () -> flags.required("--data"));
        assertEquals("--data is required", e.getMessage());
    }

    @Test
    void portMustBeANumberInRange() throws Exception {
        Flags letters = Flags.parse(new String[] {"--port", "http"}, KNOWN);
        Flags zero = Flags.parse(new String[] {"--port", "0"}, KNOWN);

        assertTrue(assertThrows(UsageException.class, () -> letters.port("--port", 1, 0))
                .getMessage()
                .startsWith("--port must be a port number"));
        assertEquals(
                "--port must be between 1 and 65535, got 0",
                assertThrows(UsageException.class, () -> zero.port("--port", 1, 1))
                        .getMessage());
    }

    @Test
    void switchTakesNoValueAndAValueThatLooksLikeASwitchStaysAValue() throws Exception {
        Set<String> switches = Set.of("--fresh");

        Flags flags = Flags.parse(new String[] {"--fresh", "--jvm-opts", "--fresh"}, KNOWN, switches);
        Flags without = Flags.parse(new String[] {"--port", "1"}, KNOWN, switches);

        assertTrue(flags.isSet("--fresh"));
        assertEquals(Optional.of("--fresh"), flags.string("--jvm-opts"));
        assertFalse(without.isSet("--fresh"));
        assertEquals(
                "--fresh takes no value",
                assertThrows(UsageException.class, () -> Flags.parse(new String[] {"--fresh=yes"}, KNOWN, switches))
                        .getMessage());
        assertEquals(
                "--fresh is given more than once",
                assertThrows(
                                UsageException.class,
                                () -> Flags.parse(new String[] {"--fresh", "--fresh"}, KNOWN, switches))
                        .getMessage());
    }

    @Test
    void helpIsRecognised() throws Exception {
        assertTrue(Flags.parse(new String[] {"-h"}, KNOWN).helpRequested());
        assertTrue(Flags.parse(new String[] {"--help"}, KNOWN).helpRequested());
    }

    private static void assertMessage(String expected, String[] args) {
        assertEquals(
                expected,
                assertThrows(UsageException.class, () -> Flags.parse(args, KNOWN))
                        .getMessage());
    }
}
