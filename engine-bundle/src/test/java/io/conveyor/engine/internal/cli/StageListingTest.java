package io.conveyor.engine.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.conveyor.api.OptionSpec;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageFactory;
import io.conveyor.api.StageKind;
import io.conveyor.engine.internal.plugins.PluginStage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StageListingTest {
    static StageFactory factory(StageDescriptor d) {
        return () -> d;
    }

    @Test
    void builtinsThenPluginStagesWithOptionTables() {
        Map<String, StageFactory> builtins = new TreeMap<>();
        builtins.put("source.csv", factory(StageDescriptor.builder(StageKind.SOURCE, "csv")
                .description("Reads CSV files.")
                .option(OptionSpec.string("path").required().describe("File or glob"),
                        OptionSpec.string("delimiter").defaultValue(","))
                .build()));
        builtins.put("transform.sort", factory(StageDescriptor.builder(StageKind.TRANSFORM, "sort")
                .description("Sorts rows.").blocking()
                .option(OptionSpec.string("order").allowed("asc", "desc").describe("Direction"))
                .build()));
        PluginStage sink = new PluginStage("tpl", StageKind.SINK, "out",
                factory(StageDescriptor.builder(StageKind.SINK, "out").build()));
        PluginStage source = new PluginStage("tpl", StageKind.SOURCE, "rows",
                factory(StageDescriptor.builder(StageKind.SOURCE, "rows").description("Generates rows.")
                        .option(OptionSpec.integer("count").defaultValue(10L)).build()));
        String text = StageListing.format(builtins, List.of(
                new StageListing.PluginSection("tpl", null, List.of(sink, source)),
                new StageListing.PluginSection("broken", "Plugin 'broken' provides no modules", List.of())));
        assertEquals(""
                + "source.csv  (built-in)\n"
                + "  Reads CSV files.\n"
                + "  option     type    required/default  description\n"
                + "  path       string  required          File or glob\n"
                + "  delimiter  string  default ,         -\n"
                + "\n"
                + "transform.sort  (built-in, blocking)\n"
                + "  Sorts rows.\n"
                + "  option  type    required/default  description\n"
                + "  order   string  optional          Direction (one of: asc, desc)\n"
                + "\n"
                + "plugin.tpl.rows  (source, plugin tpl; also plugin.tpl without inputs)\n"
                + "  Generates rows.\n"
                + "  option  type     required/default  description\n"
                + "  count   integer  default 10        -\n"
                + "\n"
                + "plugin.tpl.out  (sink, plugin tpl; also plugin.tpl with inputs)\n"
                + "  no options\n"
                + "\n"
                + "plugin broken: not loaded: Plugin 'broken' provides no modules\n"
                + "\n", text);
    }
}
