package dev.recsys.index.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmbedderSpecTest {
    @Test
    void parsesTheNamesAndPrintsThemBack() {
        assertEquals(EmbedderSpec.HASHED, EmbedderSpec.parse("hashed"));
        assertEquals(EmbedderSpec.TRANSFORMER, EmbedderSpec.parse(" Transformer "));
        assertEquals(EmbedderSpec.TRANSFORMER, EmbedderSpec.parse("transformer:bge-small-en-v15-q"));
        assertEquals("transformer:bge-small-en-v15-q", EmbedderSpec.TRANSFORMER.id());
        assertEquals(EmbedderSpec.TRANSFORMER, EmbedderSpec.parse(EmbedderSpec.TRANSFORMER.id()));
        assertEquals(EmbedderSpec.HASHED, EmbedderSpec.parse(EmbedderSpec.HASHED.id()));
    }

    @Test
    void anUnknownNameOrModelIsRefusedWithWhatIsKnown() {
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> EmbedderSpec.parse("bert"));
        assertTrue(name.getMessage().contains("hashed | transformer[:MODEL]"), name.getMessage());
        IllegalArgumentException model =
                assertThrows(IllegalArgumentException.class, () -> EmbedderSpec.parse("transformer:gpt"));
        assertTrue(model.getMessage().contains("unknown Transformer model 'gpt'"), model.getMessage());
        assertTrue(model.getMessage().contains("all-minilm-l6-v2-q"), model.getMessage());
    }
}
