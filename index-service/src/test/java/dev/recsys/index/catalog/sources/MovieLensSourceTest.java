package dev.recsys.index.catalog.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensSourceTest {
    @TempDir
    Path dir;

    @Test
    void mapsMoviesWithTagsGenresAndYear() throws IOException {
        SharedData.write(
                dir.resolve("movies.csv"),
                "movieId,title,genres",
                "1,Toy Story (1995),Adventure|Animation|Children",
                "11,\"American President, The (1995)\",Comedy|Drama|Romance",
                "7,Untitled,(no genres listed)");
        SharedData.write(
                dir.resolve("tags.csv"),
                "userId,movieId,tag,timestamp",
                "1,1,Pixar,1",
                "2,1,fun,2",
                "3,1,pixar,3",
                "4,11,\"politics, romance\",4");
        SharedData.Pass pass = SharedData.read(CatalogSources.open("movielens", dir.resolve("movies.csv")));
        assertEquals(List.of(), pass.errors());
        CatalogItem toyStory = pass.items().get(0);
        assertEquals("ml-1", toyStory.itemId());
        assertEquals("Toy Story (1995)", toyStory.title());
        assertEquals("movies>adventure", toyStory.category());
        assertEquals(List.of("pixar", "fun", "adventure", "animation", "children"), toyStory.tags());
        assertEquals(
                "Adventure, Animation and Children film from 1995. Viewers tagged it: pixar, fun.",
                toyStory.description());
        assertTrue(
                toyStory.createdAt().toString().startsWith("1995-"),
                toyStory.createdAt().toString());
        assertTrue(toyStory.sellerId().startsWith("studio-"));
        assertEquals("1995", toyStory.attributes().get("year"));

        CatalogItem president = pass.items().get(1);
        assertEquals("American President, The (1995)", president.title());
        assertEquals("politics, romance", president.tags().get(0));

        CatalogItem untitled = pass.items().get(2);
        assertEquals("movies>unknown", untitled.category());
        assertEquals(List.of(), untitled.tags());
        assertEquals(MovieLensSource.UNKNOWN_YEAR, untitled.createdAt());
    }

    @Test
    void badRowsNameTheirLineAndField() throws IOException {
        SharedData.write(
                dir.resolve("movies.csv"),
                "movieId,title,genres",
                "one,Heat (1995),Action",
                "2,,Drama",
                "3,Two,Fields,Too,Many",
                "4,Fine (2001),Drama",
                "4,Again (2002),Drama",
                "5,\"Unclosed (2003),Drama");
        SharedData.Pass pass = SharedData.read(new MovieLensSource(dir));
        assertEquals(
                List.of("ml-4"), pass.items().stream().map(CatalogItem::itemId).toList());
        assertEquals(
                List.of(
                        new LineError(2, "movieId", "expected a non-negative integer, got 'one'"),
                        new LineError(3, "title", "must not be empty"),
                        new LineError(4, null, "expected 3 fields, got 5"),
                        new LineError(6, "movieId", "duplicate id 4"),
                        new LineError(7, null, "unterminated quoted field")),
                pass.errors());
    }

    @Test
    void yearsComeFromTheEndOfTheTitle() {
        assertEquals(1995, MovieLensSource.year("Heat (1995)"));
        assertEquals(2007, MovieLensSource.year("Babylon 5 (2007) "));
        assertNull(MovieLensSource.year("1984"));
        assertEquals(Instant.parse("1970-01-01T00:00:00Z"), MovieLensSource.createdAt(5, null));
    }

    @Test
    void aMissingMoviesFileIsNamed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CatalogSources.open("movielens", dir));
        assertTrue(e.getMessage().contains("movies.csv"), e.getMessage());
    }

    @Test
    void realMovieLensCatalogHasEveryMovieWithGenresAndTags() throws IOException {
        CatalogSource source = CatalogSources.open("movielens", SharedData.folder("movielens-small"));
        SharedData.Pass pass = SharedData.read(source);
        assertEquals(List.of(), pass.errors());
        assertEquals(9_742, pass.items().size());
        assertEquals(9_742, source.estimatedSize());
        assertTrue(pass.items().stream().allMatch(item -> item.category().startsWith("movies>")));
        long withUserTags = pass.items().stream()
                .filter(item -> item.description().contains("Viewers tagged it"))
                .count();
        assertTrue(withUserTags > 1_000, withUserTags + " movies with user tags");
        long withGenres =
                pass.items().stream().filter(item -> !item.tags().isEmpty()).count();
        assertTrue(withGenres > 9_700, withGenres + " movies with tags or genres");
        assertTrue(pass.items().stream().allMatch(item -> item.tags().size() <= MovieLensSource.MAX_USER_TAGS + 10));
        assertEquals(pass, SharedData.read(source), "two passes give identical items");
    }
}
