package dev.recsys.tools;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The size of every top-level class and every method in Java sources, in lines of code: lines holding
 * something besides white space and comments. Javadoc, blank lines and a class's package and import
 * lines do not count, so explaining code never pushes it over a bar. The sources are parsed with the
 * JDK's own compiler (no attribution), so a brace in a string or a comment cannot mislead the count.
 */
final class SourceSizes {

    /** A measured class (its top-level type, nested ones included) or method. */
    record Measured(String name, Path file, int line, int linesOfCode) {
        @Override
        public String toString() {
            return name + " (" + file + ":" + line + "): " + linesOfCode + " lines of code";
        }
    }

    private final List<Measured> classes = new ArrayList<>();
    private final List<Measured> methods = new ArrayList<>();

    private SourceSizes() {}

    /** Measures every {@code .java} file under {@code roots} (folders that do not exist are skipped). */
    static SourceSizes of(List<Path> roots) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
                }
            }
        }
        SourceSizes sizes = new SourceSizes();
        if (files.isEmpty()) {
            return sizes;
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager fileManager =
                compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = fileManager.getJavaFileObjectsFromPaths(files);
            JavacTask task = (JavacTask) compiler.getTask(null, fileManager, null, List.of("-proc:none"), null, units);
            Trees trees = Trees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                sizes.measure(unit, trees.getSourcePositions());
            }
        }
        return sizes;
    }

    List<Measured> classes() {
        return classes;
    }

    List<Measured> methods() {
        return methods;
    }

    private void measure(CompilationUnitTree unit, SourcePositions positions) {
        Path file = Path.of(unit.getSourceFile().toUri());
        String source;
        try {
            source = unit.getSourceFile().getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean[] code = codeLines(source);
        LineMap lines = unit.getLineMap();
        new TreePathScanner<Void, String>() {
            @Override
            public Void visitClass(ClassTree tree, String outer) {
                String name = outer == null ? tree.getSimpleName().toString() : outer + "." + tree.getSimpleName();
                if (outer == null) {
                    classes.add(measured(name, tree));
                }
                return super.visitClass(tree, name);
            }

            @Override
            public Void visitMethod(MethodTree tree, String outer) {
                if (tree.getBody() != null) {
                    String simple = tree.getName().contentEquals("<init>")
                            ? outer.substring(outer.lastIndexOf('.') + 1)
                            : tree.getName().toString();
                    methods.add(measured(outer + "." + simple, tree));
                }
                return super.visitMethod(tree, outer);
            }

            private Measured measured(String name, Tree tree) {
                int first = (int) lines.getLineNumber(positions.getStartPosition(unit, tree));
                int last = (int) lines.getLineNumber(positions.getEndPosition(unit, tree));
                int count = 0;
                for (int line = first; line <= last; line++) {
                    if (code[line]) {
                        count++;
                    }
                }
                return new Measured(name, file, first, count);
            }
        }.scan(unit, null);
    }

    /**
     * Which lines (1-based) hold code: a character other than white space outside comments. A string,
     * character or text-block literal is code, and a comment marker inside one is not a comment.
     */
    static boolean[] codeLines(String source) {
        int lineCount = 1;
        for (int i = 0; i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                lineCount++;
            }
        }
        boolean[] code = new boolean[lineCount + 1];
        int line = 1;
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                i += 2;
                while (i < n && !(source.charAt(i) == '*' && i + 1 < n && source.charAt(i + 1) == '/')) {
                    if (source.charAt(i) == '\n') {
                        line++;
                    }
                    i++;
                }
                i += 2;
            } else if (source.startsWith("\"\"\"", i)) {
                code[line] = true;
                i += 3;
                while (i < n && !source.startsWith("\"\"\"", i)) {
                    if (source.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    if (source.charAt(i) == '\n') {
                        line++;
                    }
                    code[line] = true;
                    i++;
                }
                i += 3;
            } else if (c == '"' || c == '\'') {
                code[line] = true;
                i++;
                while (i < n && source.charAt(i) != c && source.charAt(i) != '\n') {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else {
                if (!Character.isWhitespace(c)) {
                    code[line] = true;
                }
                i++;
            }
        }
        return code;
    }
}
