package io.conveyor.it.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.conveyor.it.fixtures.Fixtures;
import io.conveyor.it.support.ContainerFramework;
import io.conveyor.it.support.ContainerFramework.Kind;
import io.conveyor.it.support.ItPaths;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An existing container: a plain OSGi framework (Felix, then Equinox) started by the test,
 * with SCR, the embedded set and the http plugin installed and started the way a container
 * deploys bundles. The test only uses the {@code PipelineEngine} service from the registry.
 */
class EmbeddedContainerTest {
    private static final String RECORDS = "[{\"id\":1,\"name\":\"a\"},{\"id\":2,\"name\":\"b\"},{\"id\":3,\"name\":\"c\"}]";

    private HttpServer server;
    private final CountDownLatch slowRequested = new CountDownLatch(1);
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    private Path work;
    private Path pluginDir;

    @BeforeEach
    void serve() throws IOException {
        work = ItPaths.newWorkDir("embedded");
        pluginDir = Files.createDirectories(work.resolve("plugins"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/items", exchange -> {
            byte[] body = RECORDS.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            slowRequested.countDown();
            try {
                releaseSlow.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        releaseSlow.countDown();
        server.stop(0);
    }

    /** The container deploys the embedded set (core + SCR) and the http plugin itself. */
    private ContainerFramework container(Kind kind) throws Exception {
        ContainerFramework c = ContainerFramework.start(kind, Map.of("conveyor.plugin.path", pluginDir.toString()));
        c.installAndStart(ItPaths.bundles().resolve("core"), ItPaths.scrDir(), ItPaths.realPlugins().resolve("http"));
        return c;
    }

    @Test
    void theDeployedSetIsTheResolvedEmbeddedBndrun() throws IOException {
        Path bndrun = Path.of(System.getProperty("conveyor.it.project.root"), "bndrun", "embedded.bndrun");
        Set<String> resolved = new TreeSet<>();
        Matcher m = Pattern.compile("^\\s*([\\w.-]+);version=", Pattern.MULTILINE)
                .matcher(Files.readString(bndrun).replaceAll("\\\\\\R", "\n"));
        while (m.find()) {
            resolved.add(m.group(1));
        }
        Set<String> deployed = new TreeSet<>();
        for (Path dir : List.of(ItPaths.bundles().resolve("core"), ItPaths.scrDir())) {
            try (Stream<Path> jars = Files.list(dir)) {
                for (Path jar : jars.toList()) {
                    try (JarFile jf = new JarFile(jar.toFile())) {
                        deployed.add(jf.getManifest().getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0].strip());
                    }
                }
            }
        }
        assertTrue(resolved.contains("io.conveyor.engine"), "parsed " + resolved);
        assertEquals(resolved, deployed, "what the tests deploy is what bndrun/embedded.bndrun resolved (and the README lists)");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void runsPipelinesWithTheContainersPluginsAndInstallsOnlyWhatIsMissing(Kind kind) throws Exception {
        Fixtures.good(pluginDir);
        Fixtures.crashy(pluginDir);
        try (ContainerFramework c = container(kind)) {
            assertTrue(c.vendor().toLowerCase().contains(kind == Kind.FELIX ? "apache" : "eclipse"), c.vendor());
            EngineService engine = EngineService.in(c);

            // 1. The container's own http plugin, used as it is.
            Path httpPipeline = httpToCsv("from_api", "/items", "items.csv");
            EngineService.Outcome ok = engine.run(httpPipeline);
            assertEquals("SUCCEEDED", ok.status(), ok::toString);
            assertEquals(new EngineService.StageCounts("SUCCEEDED", 0, 3, 0, 0, ok.stages().get("api").millis(), null),
                    ok.stages().get("api"));
            assertEquals(3, ok.stages().get("save").in());
            assertEquals(3, ok.stages().get("save").out());
            assertEquals("id,name\n1,a\n2,b\n3,c\n", Files.readString(work.resolve("items.csv")));
            assertEquals(1, c.bundleStates().keySet().stream().filter(n -> n.equals("io.conveyor.plugin.http")).count());

            // 2. A plugin the container does not have: installed from conveyor.plugin.path.
            assertTrue(!c.bundleStates().containsKey("fixture.good"), "precondition: not in the container");
            Path goodPipeline = write("good.toml", """
                    [pipeline]
                    name = "from_the_plugin_directory"
                    [global]
                    plugins = ["good"]
                    [[stages]]
                    id = "numbers"
                    type = "plugin.good.numbers"
                    [[stages]]
                    id = "collected"
                    type = "plugin.good.collect"
                    inputs = ["numbers"]
                    """);
            EngineService.Outcome fromDir = engine.run(goodPipeline);
            assertEquals("SUCCEEDED", fromDir.status(), fromDir::toString);
            assertEquals(List.of("numbers", "collected"), List.copyOf(fromDir.stages().keySet()));
            assertEquals("ACTIVE", c.bundleStates().get("fixture.good"), c.bundleStates()::toString);

            // 3. A plugin that breaks at run time: the run fails and says why; the container
            //    and its other bundles stay up, and the next run works.
            Path crashPipeline = write("crash.toml", """
                    [pipeline]
                    name = "breaks"
                    [global]
                    plugins = ["crashy"]
                    [[stages]]
                    id = "boom"
                    type = "plugin.crashy.boom"
                    [[stages]]
                    id = "out"
                    type = "sink.csv"
                    inputs = ["boom"]
                    [stages.config]
                    path = "boom.csv"
                    """);
            EngineService.Outcome broken = engine.run(crashPipeline);
            assertEquals("FAILED", broken.status(), broken::toString);
            assertEquals("Plugin 'crashy' failed in stage 'boom': AssertionError: stream corrupted",
                    broken.stages().get("boom").error());
            assertTrue(c.running(), "the container is still running");
            Map<String, String> states = c.bundleStates();
            for (String name : List.of("io.conveyor.api", "io.conveyor.engine", "org.apache.felix.scr",
                    "io.conveyor.plugin.http", "fixture.good")) {
                assertEquals("ACTIVE", states.get(name), () -> name + " in " + states);
            }
            assertEquals("RESOLVED", states.get("fixture.crashy"), "the broken plugin is stopped, not uninstalled");
            EngineService.Outcome again = engine.run(httpToCsv("again", "/items", "again.csv"));
            assertEquals("SUCCEEDED", again.status(), again::toString);
            assertEquals("id,name\n1,a\n2,b\n3,c\n", Files.readString(work.resolve("again.csv")));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theEngineTakesTheContainersTomlParserWhenOfferedAndItsOwnOtherwise(Kind kind) throws Exception {
        // conveyor.jar's launcher exports org.tomlj (warmed up) from the system bundle; a container
        // that does not leaves the engine's optional import unwired and its private copy serves.
        Path tomlj = Path.of(org.tomlj.Toml.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String good = "[pipeline]\nname = \"ok\"\n[[stages]]\nid = \"rows\"\ntype = \"source.stdin\"\nconfig = { format = \"csv\" }\n"
                + "[[stages]]\nid = \"out\"\ntype = \"sink.stdout\"\ninputs = [\"rows\"]\n";
        String broken = "[pipeline]\nname = \"broken\n";
        try (ContainerFramework c = ContainerFramework.start(kind, Map.of("conveyor.plugin.path", pluginDir.toString(),
                "org.osgi.framework.system.packages.extra", "org.tomlj;version=\"2.2.0\""), List.of(tomlj))) {
            c.installAndStart(ItPaths.bundles().resolve("core"), ItPaths.scrDir());
            assertEquals(0L, c.packageProvider("io.conveyor.engine", "org.tomlj"), "wired to the system bundle");
            assertEquals(List.of(), EngineService.in(c).validate(good, "good.toml"));
            List<String> problems = EngineService.in(c).validate(broken, "broken.toml");
            assertEquals(1, problems.size(), problems::toString);
            assertTrue(problems.get(0).startsWith("broken.toml:2:"), problems::toString);
        }
        try (ContainerFramework c = container(kind)) {
            assertEquals(-1L, c.packageProvider("io.conveyor.engine", "org.tomlj"), "unwired: the private copy");
            assertEquals(List.of(), EngineService.in(c).validate(good, "good.toml"));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void validatesTextAsDataAndCancelsARun(Kind kind) throws Exception {
        try (ContainerFramework c = container(kind)) {
            EngineService engine = EngineService.in(c);
            List<Map<String, Object>> problems = engine.problemFields("""
                    [pipeline]
                    name = "typo"

                    [[stages]]
                    id = "rows"
                    type = "source.csvv"
                    [stages.config]
                    path = "in.csv"
                    """, "inline.toml");
            assertEquals(1, problems.size(), problems::toString);
            Map<String, Object> p = problems.get(0);
            assertEquals("inline.toml", p.get("file"));
            assertEquals(6, p.get("line"));
            assertEquals("rows", p.get("stageId"));
            assertEquals("type", p.get("key"));
            assertEquals("unknown stage type 'source.csvv'", p.get("message"));
            assertEquals(List.of(), engine.validate(Files.readString(httpToCsv("valid", "/items", "x.csv")), "valid.toml"));

            Object run = engine.start(httpToCsv("slow", "/slow", "slow.csv"));
            assertTrue(slowRequested.await(30, TimeUnit.SECONDS), "the run calls the server");
            EngineService.Outcome cancelled = EngineService.cancelAndAwait(run, 30);
            assertEquals("CANCELLED", cancelled.status(), cancelled::toString);
            assertTrue(Files.notExists(work.resolve("slow.csv")), "a cancelled run leaves no partial output");
        }
    }

    private Path httpToCsv(String name, String path, String output) throws IOException {
        return write(name + ".toml", """
                [pipeline]
                name = "%s"
                [global]
                plugins = ["http"]
                [[stages]]
                id = "api"
                type = "plugin.http"
                [stages.config]
                url = "http://127.0.0.1:%d%s"
                [[stages]]
                id = "save"
                type = "sink.csv"
                inputs = ["api"]
                [stages.config]
                path = "%s"
                """.formatted(name, server.getAddress().getPort(), path, output));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(work.resolve(name), text);
    }
}
