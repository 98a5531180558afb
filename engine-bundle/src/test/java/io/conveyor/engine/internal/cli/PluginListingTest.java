package io.conveyor.engine.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.conveyor.engine.internal.plugins.PluginInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginListingTest {
    @Test
    void oneRowPerPluginWithModules() {
        String text = PluginListing.format(List.of(
                new PluginInfo("http", "0.3.0", "[0.3,0.4)", "loaded", "conveyor.jar!/bundles/plugins/http",
                        List.of("source:http", "sink:http"), "HTTP"),
                new PluginInfo("mongodb", "0.3.0", "[0.3,0.4)", "available", "conveyor.jar!/bundles/plugins/mongodb",
                        List.of(), "MongoDB")));
        assertEquals(""
                + "name     version  api range  state      location                               modules\n"
                + "http     0.3.0    [0.3,0.4)  loaded     conveyor.jar!/bundles/plugins/http     source:http, sink:http\n"
                + "mongodb  0.3.0    [0.3,0.4)  available  conveyor.jar!/bundles/plugins/mongodb  -\n", text);
    }

    @Test
    void noPluginsSaysWhereToAddThem() {
        assertEquals("no plugins available (add a directory with --plugin-dir or CONVEYOR_PLUGIN_PATH)\n",
                PluginListing.format(List.of()));
    }
}
