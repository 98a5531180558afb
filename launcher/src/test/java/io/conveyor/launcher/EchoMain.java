package io.conveyor.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The main class of the small jar {@link ArchivedRelaunchTest} relaunches: it stands in for
 * conveyor. Given {@code OUT STATUS ARGS...} it writes what a child JVM saw (its marker
 * property, whether it maps a shared archive, its arguments, one a line) to {@code OUT} and
 * exits with {@code STATUS}; given a {@code .toml} file, as the training run does, it exits 0.
 */
public final class EchoMain {
    private EchoMain() {
    }

    /** @param args {@code OUT STATUS ARGS...}, or a pipeline file */
    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].endsWith(".toml")) {
            System.exit(Files.isRegularFile(Path.of(args[0])) ? 0 : 3);
        }
        List<String> lines = new ArrayList<>();
        lines.add("child=" + System.getProperty(ArchivedRelaunch.CHILD_PROPERTY));
        lines.add("property=" + System.getProperty("echo.property"));
        lines.addAll(List.of(args).subList(2, args.length));
        Files.write(Path.of(args[0]), lines);
        System.exit(Integer.parseInt(args[1]));
    }
}
