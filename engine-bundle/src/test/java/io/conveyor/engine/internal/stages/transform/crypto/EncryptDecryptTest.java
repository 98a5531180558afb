package io.conveyor.engine.internal.stages.transform.crypto;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.api.Schema;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.config.CompileException;
import io.conveyor.engine.internal.stages.Batches;
import io.conveyor.engine.internal.stages.PipelineFile;
import io.conveyor.engine.internal.stages.StageHarness;
import io.conveyor.testkit.RecordingStageContext.Rejected;
import io.conveyor.testkit.TestStageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptDecryptTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString(new byte[16]);

    @TempDir
    Path dir;

    private final EncryptFactory encrypt = new EncryptFactory();
    private final DecryptFactory decrypt = new DecryptFactory();

    private final RecordBatch input = Batches.of(
            row("id", 1L, "b", true, "l", 42L, "d", 2.5, "s", "secret", "t", Instant.parse("2024-01-02T03:04:05.123456Z"),
                    "day", LocalDate.of(2024, 2, 29), "j", Map.of("a", List.of(1L, Map.of("b", "c")))),
            row("id", 2L, "b", false, "l", -1L, "d", -0.0, "s", "", "t", null, "day", null, "j", List.of()),
            row("id", 3L, "b", null, "l", null, "d", null, "s", null, "t", Instant.EPOCH, "day", LocalDate.EPOCH,
                    "j", null));
    private static final List<String> ALL = List.of("b", "l", "d", "s", "t", "day", "j");

    private List<RecordBatch> encrypted(StageHarness h, List<String> columns) throws Exception {
        return h.transform(encrypt, Map.of("columns", columns, "key", KEY), List.of(input));
    }

    @Test
    void decryptRestoresEveryValueAndTypeWithNullsAndEmptyStrings() throws Exception {
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> sealed = encrypted(h, ALL);
        RecordBatch e = sealed.get(0);
        for (String c : ALL) {
            assertEquals(DataType.STRING, e.column(c).type(), c);
        }
        assertNull(e.column("l").get(2));
        assertNotEquals("secret", e.column("s").get(0));
        byte[] raw = Base64.getDecoder().decode(e.column("s").getString(1));
        assertEquals(12 + "string:".length() + 16, raw.length);
        List<RecordBatch> opened = h.transform(decrypt, Map.of("columns", ALL, "key", KEY), sealed);
        assertEquals(input.schema(), opened.get(0).schema());
        assertEquals(input.rows(), opened.get(0).rows());
        assertTrue(h.context.rejected().isEmpty());
    }

    @Test
    void eachValueGetsItsOwnIv() throws Exception {
        RecordBatch same = Batches.of(row("s", "x"), row("s", "x"));
        RecordBatch e = new StageHarness(dir).transform(encrypt, Map.of("columns", List.of("s"), "key", KEY),
                List.of(same)).get(0);
        assertNotEquals(e.column("s").get(0), e.column("s").get(1));
    }

    @Test
    void tamperedOrWrongKeyValuesGoToTheDeadLetterQueueOrFail() throws Exception {
        StageHarness h = new StageHarness(dir);
        RecordBatch e = encrypted(h, List.of("s")).get(0);
        byte[] bytes = Base64.getDecoder().decode(e.column("s").getString(0));
        bytes[20] ^= 1;
        Object[] changed = {Base64.getEncoder().encodeToString(bytes), e.column("s").get(1), "not base64!", "QUJD"};
        RecordBatch bad = Batches.of(row("id", 1L, "s", changed[0]), row("id", 2L, "s", changed[1]),
                row("id", 3L, "s", changed[2]), row("id", 4L, "s", changed[3]));
        List<RecordBatch> out = h.transform(decrypt, Map.of("columns", List.of("s"), "key", KEY), List.of(bad));
        assertEquals(List.of(Map.of("id", 2L, "s", "")), StageHarness.rows(out));
        assertEquals(List.of(
                "row 1: column 's': the value does not decrypt: it was changed after encryption, or encrypted with "
                        + "another key",
                "row 3: column 's': the value is not base64, so not a value transform.encrypt wrote",
                "row 4: column 's': the value is too short (3 bytes) to be a value transform.encrypt wrote"),
                h.context.rejected().stream().map(Rejected::error).toList());
        assertEquals(Map.of("id", 1L, "s", changed[0]), h.context.rejected().get(0).record());
        StageException wrongKey = assertThrows(StageException.class, () -> new StageHarness(dir).transform(decrypt,
                Map.of("columns", List.of("s"), "key", OTHER_KEY, "on_invalid", "fail"), List.of(e)));
        assertEquals("row 1: column 's': the value does not decrypt: it was changed after encryption, or encrypted "
                + "with another key (on_invalid = \"fail\" stops at the first invalid row; \"dead_letter\" sets such "
                + "rows aside)", wrongKey.getMessage());
    }

    @Test
    void aBadKeyIsAConfigErrorThatNeverShowsTheKey() {
        String shortKey = Base64.getEncoder().encodeToString("twenty-byte-secret!!".getBytes());
        ConfigException length = assertThrows(ConfigException.class, () -> new StageHarness(dir).config(encrypt,
                Map.of("columns", List.of("s"), "key", shortKey)));
        assertEquals("test.toml:1:1: stage 'test', key 'key': decodes to 20 bytes; AES needs 16, 24 or 32 "
                + "(AES-128/192/256), e.g. from `openssl rand -base64 32`", length.getMessage());
        ConfigException notBase64 = assertThrows(ConfigException.class, () -> new StageHarness(dir).config(decrypt,
                Map.of("columns", List.of("s"), "key", "hunter2-is-my-key")));
        assertEquals("test.toml:1:1: stage 'test', key 'key': is not valid base64; give 16, 24 or 32 random bytes in "
                + "base64, e.g. from `openssl rand -base64 32`", notBase64.getMessage());
        assertFalse(notBase64.getMessage().contains("hunter2"));
        ConfigException none = assertThrows(ConfigException.class, () -> new StageHarness(dir).config(encrypt,
                Map.of("columns", List.of(), "key", KEY)));
        assertEquals("test.toml:1:1: stage 'test', key 'columns': name at least one column, e.g. columns = "
                + "[\"email\"]", none.getMessage());
    }

    @Test
    void decryptReadsOnlyStringsAndEncryptKnowsItsSchema() throws Exception {
        StageException e = assertThrows(StageException.class, () -> new StageHarness(dir).transform(decrypt,
                Map.of("columns", List.of("l"), "key", KEY), List.of(input)));
        assertEquals("column 'l' is long; decrypt reads the base64 strings transform.encrypt writes", e.getMessage());
        Schema in = Schema.of(new Field("id", DataType.LONG), new Field("l", DataType.LONG));
        assertEquals(Schema.of(new Field("id", DataType.LONG), new Field("l", DataType.STRING)),
                encrypt.outputSchema(TestStageConfig.of(encrypt.descriptor(), Map.of("columns", List.of("l"),
                        "key", KEY)), List.of(in)));
    }

    @Test
    void aKeyWrittenInTheFileIsWarnedAboutAndNeverLogged() throws Exception {
        StageHarness h = new StageHarness(dir);
        encrypted(h, List.of("s"));
        assertEquals(List.of("the key is written in the pipeline file; read it from the environment instead, key = "
                + "\"${CONVEYOR_KEY}\", so it is kept out of the file and masked in messages"), h.context.logs("WARN"));
        assertTrue(h.context.logs().stream().noneMatch(l -> l.contains(KEY)));
    }

    @Test
    void pipelineFileWithTheKeyFromTheEnvironment() throws Exception {
        Files.writeString(dir.resolve("in.csv"), "id,ssn\n1,123-45-6789\n2,\n");
        String stages = """
                [[stages]]
                id = "src"
                type = "source.csv"
                [stages.config]
                path = "in.csv"
                [[stages]]
                id = "seal"
                type = "transform.encrypt"
                inputs = ["src"]
                [stages.config]
                columns = ["ssn"]
                key = "${CONVEYOR_KEY}"
                [[stages]]
                id = "sealed"
                type = "sink.csv"
                inputs = ["seal"]
                [stages.config]
                path = "sealed.csv"
                [[stages]]
                id = "open"
                type = "transform.decrypt"
                inputs = ["seal"]
                [stages.config]
                columns = ["ssn"]
                key = "${CONVEYOR_KEY}"
                [[stages]]
                id = "out"
                type = "sink.csv"
                inputs = ["open"]
                [stages.config]
                path = "out.csv"
                """;
        PipelineFile p = new PipelineFile(dir, Map.of("CONVEYOR_KEY", KEY));
        RunResult r = p.run(PipelineFile.header(false) + stages);
        assertEquals(RunStatus.SUCCEEDED, r.status(), String.valueOf(r.error()));
        assertEquals("id,ssn\n1,123-45-6789\n2,\"\"\n", Files.readString(dir.resolve("out.csv")));
        assertFalse(Files.readString(dir.resolve("sealed.csv")).contains("123-45-6789"));
        assertFalse(p.log().contains(KEY), p.log());
        assertFalse(p.log().contains("the key is written in the pipeline file"), p.log());
        String badKey = "c2hvcnQta2V5LTEyMzQ1Ng==";
        CompileException e = assertThrows(CompileException.class, () -> new PipelineFile(dir,
                Map.of("CONVEYOR_KEY", badKey.substring(0, 20))).compile(PipelineFile.header(false) + stages));
        assertTrue(e.problems().get(0).toString().startsWith("p.toml:14:1: stage 'seal', key 'config.key': "),
                e.problems().get(0).toString());
        assertFalse(e.getMessage().contains(badKey.substring(0, 20)));
    }
}
