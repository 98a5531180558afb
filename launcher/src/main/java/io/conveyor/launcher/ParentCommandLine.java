package io.conveyor.launcher;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How this JVM was started, read back from the operating system's record of its command line:
 * the JVM options given before {@code -jar conveyor.jar}. A child JVM started with the same
 * options behaves as the user asked ({@code -Xmx}, {@code -D...}); options that came from
 * {@code JDK_JAVA_OPTIONS} or {@code JAVA_TOOL_OPTIONS} are not on the command line and reach
 * the child through its inherited environment instead, so none is given twice.
 *
 * @param jvmOptions the options before {@code -jar}, in order
 */
record ParentCommandLine(List<String> jvmOptions) {
    /**
     * @param arguments the process's arguments after the executable
     * @param jar the running jar
     * @param workDir the directory a relative jar path resolves against
     * @return the options, or empty unless the command line has {@code -jar} naming {@code jar}
     *         (started some other way: from a test, a class directory, an argument file)
     */
    static Optional<ParentCommandLine> parse(List<String> arguments, Path jar, Path workDir) {
        for (int i = 0; i + 1 < arguments.size(); i++) {
            String a = arguments.get(i);
            if (a.equals("-jar")) {
                Path named = workDir.resolve(arguments.get(i + 1)).toAbsolutePath().normalize();
                if (!named.equals(jar.toAbsolutePath().normalize())) {
                    return Optional.empty();
                }
                return Optional.of(new ParentCommandLine(List.copyOf(arguments.subList(0, i))));
            }
            if (a.startsWith("@") || a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path")
                    || a.equals("-m") || a.equals("--module")) {
                // An argument file may hide anything; a class path or module means no -jar follows.
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** @return this JVM's own command line, or empty if the platform does not report it */
    static Optional<ParentCommandLine> ofThisProcess(Path jar) {
        // Loops, not streams or lambdas, on this path: each costs class loading in the parent JVM.
        List<String> args = linuxCommandLine();
        if (args == null) {
            Optional<String[]> reported = ProcessHandle.current().info().arguments();
            if (reported.isEmpty()) {
                return Optional.empty();
            }
            args = List.of(reported.get());
        }
        return parse(args, jar, Path.of("").toAbsolutePath());
    }

    /**
     * @return the arguments after the executable from {@code /proc/self/cmdline}, or null
     *         where there is none. Read directly: {@code ProcessHandle.Info} also looks up the
     *         user and start time, which costs a parent JVM tens of milliseconds.
     */
    private static List<String> linuxCommandLine() {
        Path cmdline = Path.of("/proc/self/cmdline");
        if (!Files.isReadable(cmdline)) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(cmdline);
        } catch (IOException e) {
            return null;
        }
        return splitAtNul(bytes, Charset.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name())));
    }

    /**
     * @param bytes NUL-terminated strings, the executable first
     * @param charset how the platform encodes them
     * @return the strings after the first
     */
    static List<String> splitAtNul(byte[] bytes, Charset charset) {
        List<String> all = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                all.add(new String(bytes, start, i - start, charset));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            all.add(new String(bytes, start, bytes.length - start, charset));
        }
        return all.isEmpty() ? all : all.subList(1, all.size());
    }

    /**
     * @return true if the user already manages class-data sharing or the JVM's signals
     *         themselves; a relaunch would then second-guess them
     */
    boolean managesSharingItself() {
        for (String o : jvmOptions) {
            if (o.startsWith("-XX:SharedArchiveFile") || o.startsWith("-XX:ArchiveClassesAtExit")
                    || o.startsWith("-Xshare") || o.equals("-Xrs") || o.startsWith("-XX:+AutoCreateSharedArchive")) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the options that decide whether an archive fits this JVM: not system
     *         properties (a per-run {@code -Djava.io.tmpdir} must not force a new archive)
     *         nor logging
     */
    List<String> archiveRelevantOptions() {
        List<String> relevant = new ArrayList<>();
        for (String o : jvmOptions) {
            if (!o.startsWith("-D") && !o.startsWith("-Xlog")) {
                relevant.add(o);
            }
        }
        return relevant;
    }
}
