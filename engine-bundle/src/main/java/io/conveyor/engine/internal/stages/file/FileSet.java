package io.conveyor.engine.internal.stages.file;

import io.conveyor.api.StageException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files a source's {@code path} names: the file itself, or every regular file a glob
 * ({@code data/*.csv}, {@code logs/**}{@code /*.jsonl}) matches, in name order.
 */
public final class FileSet {
    private FileSet() {
    }

    /**
     * @param files the files a source reads
     * @param file the one of them a message is about
     * @return how a message about a line of {@code file} starts: {@code "PATH, "} when the
     *         source reads several files, else nothing (its one file is the stage's path)
     */
    public static String placeIn(List<Path> files, Path file) {
        return files.size() > 1 ? file + ", " : "";
    }

    /**
     * @param path a resolved path that may hold glob characters ({@code * ? [ {}) in any segment
     * @return the matching files in name order; for a plain path, that path
     * @throws StageException if a plain file is missing or a glob matches nothing
     */
    public static List<Path> expand(Path path) throws StageException {
        String text = path.toString();
        if (!isGlob(text)) {
            if (!Files.isRegularFile(path)) {
                throw new StageException("file not found: " + path + (Files.isDirectory(path)
                        ? " is a directory; use a glob such as " + path.resolve("*.csv") : ""));
            }
            return List.of(path);
        }
        Path base = path.getRoot() == null ? Path.of("") : path.getRoot();
        int i = 0;
        for (; i < path.getNameCount() && !isGlob(path.getName(i).toString()); i++) {
            base = base.resolve(path.getName(i));
        }
        String pattern = path.subpath(i, path.getNameCount()).toString();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(base)) {
            Path root = base;
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).filter(f -> matcher.matches(root.relativize(f))).forEach(out::add);
            } catch (IOException e) {
                throw new StageException("cannot list " + root + ": " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new StageException("no file matches '" + text + "' (looked in " + base.toAbsolutePath() + ")");
        }
        out.sort(null);
        return out;
    }

    private static boolean isGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }
}
