package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TomlWarmupTest {
    @Test
    void theSystemBundleExportsTheTomlParserAtTheVersionOnTheClassPath() throws Exception {
        // The engine imports org.tomlj in [2.2,2.3) and must get exactly the parser the launcher carries.
        String jar = Path.of(org.tomlj.Toml.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getFileName().toString();
        String version = Main.TOML_PACKAGE.substring(Main.TOML_PACKAGE.indexOf('"') + 1,
                Main.TOML_PACKAGE.lastIndexOf('"'));
        assertEquals("tomlj-" + version + ".jar", jar);
        assertTrue(Main.TOML_PACKAGE.startsWith("org.tomlj;"), Main.TOML_PACKAGE);
    }

    @Test
    void warmsUpWithThePipelineFileTheCommandNames(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("p.toml"), "[pipeline]\nname = \"p\"\n");
        Files.createDirectories(dir.resolve("folder.toml"));
        assertEquals(file, TomlWarmup.pipelineFile(new String[] {"run", file.toString(), "--quiet"}));
        assertEquals(file, TomlWarmup.pipelineFile(new String[] {"--var", "a=b", file.toString()}));
        // No file, a folder, a missing file, a file too big to be a pipeline: no warm-up.
        assertNull(TomlWarmup.pipelineFile(new String[] {"stages"}));
        assertNull(TomlWarmup.pipelineFile(new String[] {"run", dir.resolve("folder.toml").toString()}));
        assertNull(TomlWarmup.pipelineFile(new String[] {"validate", dir.resolve("missing.toml").toString()}));
        Path big = Files.write(dir.resolve("big.toml"), new byte[(int) TomlWarmup.MAX_BYTES + 1]);
        assertNull(TomlWarmup.pipelineFile(new String[] {big.toString()}));
        assertNull(TomlWarmup.start(new String[] {"--version"}));
        Thread t = TomlWarmup.start(new String[] {file.toString()});
        t.join(10_000);
        assertTrue(!t.isAlive(), "the warm-up parse finished");
    }
}
