package io.conveyor.engine.internal.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A column of whole numbers whose first fraction comes many pieces into the file widens from
 * long to double on the way; the text of its whole numbers must not change because of that
 * ({@code 2} stayed {@code 2} before it, and came out as {@code 2.0} after it).
 */
class WholeNumbersPipelineTest {
    @TempDir
    Path dir;

    private void run(String sink, String options) throws Exception {
        String toml = """
                [pipeline]
                name = "copy"
                [[stages]]
                id = "in"
                type = "source.csv"
                [stages.config]
                path = "in.csv"
                [[stages]]
                id = "out"
                type = "%s"
                inputs = ["in"]
                [stages.config]
                %s
                """.formatted(sink, options);
        PipelineFile file = new PipelineFile(dir);
        RunResult r = file.run(toml);
        assertEquals(RunStatus.SUCCEEDED, r.status(), () -> r + "\n" + file.log());
    }

    @Test
    void copyingCsvKeepsEveryValueAsItWasWrittenWhenAColumnWidensLate() throws Exception {
        // About 1.5 MB: the first fractions come after several of the source's pieces.
        SplittableRandom random = new SplittableRandom(5);
        StringBuilder csv = new StringBuilder("id,qty,price\n");
        int rows = 150_000;
        for (int i = 0; i < rows; i++) {
            // A fraction as people write one: never a whole number with ".0", which a column
            // that started as whole numbers writes as a whole number.
            String qty = i < 120_000 || random.nextBoolean() ? Integer.toString(random.nextInt(-50, 1000))
                    : random.nextInt(0, 1000) + "." + random.nextInt(1, 10);
            csv.append(i).append(',').append(qty).append(',').append(random.nextInt(1, 100000) / 100.0).append('\n');
        }
        Files.writeString(dir.resolve("in.csv"), csv);

        run("sink.csv", "path = \"out.csv\"");
        assertEquals(csv.toString(), Files.readString(dir.resolve("out.csv")));

        run("sink.json", "path = \"out.jsonl\"\nformat = \"jsonl\"");
        List<String> lines = Files.readAllLines(dir.resolve("out.jsonl"));
        List<String> expected = csv.toString().lines().skip(1).map(l -> {
            String[] f = l.split(",");
            return "{\"id\":" + f[0] + ",\"qty\":" + f[1] + ",\"price\":" + f[2] + "}";
        }).toList();
        assertEquals(expected, lines);
    }
}
