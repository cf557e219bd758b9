package dev.recsys.index.catalog.sources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The folders a request may name files in, like Elasticsearch's {@code path.repo}: a path that comes
 * with a request (a reindex source, a CF factors directory) is read only when its real path — symbolic
 * links followed, {@code ..} resolved — lies under the real path of one of them. A link inside a folder
 * that leads out of it is refused like any other outside path, and so is a link that leads nowhere (it
 * could be pointed anywhere later). The refusal says only that the path is not under an allowed folder,
 * never whether something exists there.
 *
 * <p>Formats that read several files (a folder's {@code products.csv} and {@code aisles.csv}, a CF
 * factors directory's two files) resolve each file they open here, not only the path they were given.
 * Paths an operator names on the command line are not restricted: {@link #ANYWHERE}.
 */
public final class SourceFolders {
    /** No restriction: for paths from the command line, where the operator chose the file. */
    public static final SourceFolders ANYWHERE = new SourceFolders();

    private final List<Path> folders;

    /** @param folders the allowed folders; ones that do not exist (yet) allow nothing until they do */
    public SourceFolders(List<Path> folders) {
        Objects.requireNonNull(folders, "folders");
        List<Path> absolute = new ArrayList<>();
        for (Path folder : folders) {
            absolute.add(folder.toAbsolutePath().normalize());
        }
        this.folders = List.copyOf(absolute);
    }

    private SourceFolders() {
        this.folders = null;
    }

    /** The allowed folders as configured (absolute), or {@code null} for {@link #ANYWHERE}. */
    public List<Path> folders() {
        return folders;
    }

    /**
     * The path to open for {@code path}: its real path when that lies under an allowed folder (a path that
     * does not exist yet resolves as far as it exists, and the caller finds it missing); {@code path} itself
     * for {@link #ANYWHERE}.
     *
     * @param what names the path in the refusal, e.g. {@code "source"}
     * @throws OutsideException when the real path is under none of the folders
     */
    public Path resolve(Path path, String what) {
        Objects.requireNonNull(path, "path");
        if (folders == null) {
            return path;
        }
        Path real = realPath(path.toAbsolutePath());
        if (real != null) {
            for (Path folder : folders) {
                Path allowed = realFolder(folder);
                if (allowed != null && real.startsWith(allowed)) {
                    return real;
                }
            }
        }
        throw new OutsideException(what + " is not under a folder the service may read files from (its --data"
                + " folder or a --catalog-dir)");
    }

    /**
     * The real path of an absolute path; for one that does not exist, the real path of its deepest existing
     * ancestor with the rest appended; {@code null} when the first missing name is a link (it leads
     * nowhere now and could lead anywhere later).
     */
    static Path realPath(Path absolute) {
        for (Path existing = absolute; existing != null; existing = existing.getParent()) {
            Path real;
            try {
                real = existing.toRealPath();
            } catch (IOException | SecurityException e) {
                continue; // missing, unreadable or not a folder: look at the ancestor
            }
            if (existing.equals(absolute)) {
                return real;
            }
            Path rest = existing.relativize(absolute);
            if (Files.isSymbolicLink(existing.resolve(rest.getName(0)))) {
                return null;
            }
            return real.resolve(rest).normalize();
        }
        return null;
    }

    private static Path realFolder(Path folder) {
        try {
            return Files.isDirectory(folder) ? folder.toRealPath() : null;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return folders == null ? "anywhere" : folders.toString();
    }

    /** A path outside every allowed folder. The message names the request field, not what is there. */
    public static final class OutsideException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        OutsideException(String message) {
            super(message);
        }
    }
}
