package io.conveyor.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.conveyor.it.fixtures.Fixtures;
import io.conveyor.it.support.PluginTestBed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/** Two plugins that ship the same library bundle share one installed copy. */
class LibrarySharingTest {
    private PluginTestBed bed;

    @BeforeEach
    void start() throws Exception {
        bed = PluginTestBed.start();
        for (String user : new String[] {"usera", "userb"}) {
            Fixtures.sharedLibrary(bed.pluginDir().resolve(user));
        }
        Fixtures.userA(bed.pluginDir().resolve("usera"));
        Fixtures.userB(bed.pluginDir().resolve("userb"));
    }

    @AfterEach
    void stop() throws Exception {
        bed.close();
    }

    @Test
    void sameLibraryIsInstalledOnceAndRemovedWithItsLastUser() {
        assertNull(bed.manager().load("usera"));
        assertNull(bed.manager().load("userb"));

        assertEquals(1, bed.felix().count("fixture.sharedlib"));
        assertEquals("hello usera", bed.manager().stages("usera").get(0).factory().descriptor().description(),
                "the plugin's code runs against the library");
        assertEquals("hello userb", bed.manager().stages("userb").get(0).factory().descriptor().description());
        Bundle library = bed.felix().bundle("fixture.sharedlib");
        assertEquals(Bundle.ACTIVE, library.getState());

        assertNull(bed.manager().unload("usera"));
        assertEquals(Bundle.ACTIVE, library.getState(), "userb still uses it");
        assertEquals("hello userb", bed.manager().stages("userb").get(0).factory().descriptor().description());

        assertNull(bed.manager().unload("userb"));
        assertEquals(Bundle.UNINSTALLED, library.getState());
    }

    @Test
    void failedPluginTakesOnlyTheLibrariesNobodyElseUses() throws Exception {
        Fixtures.sharedLibrary(bed.pluginDir().resolve("refusing"));
        Fixtures.refusing(bed.pluginDir().resolve("refusing"));

        String refused = "Plugin 'refusing' panicked during loading: IllegalStateException: activator refuses to start (source)";
        assertEquals(refused, bed.manager().load("refusing"));
        assertNull(bed.felix().bundle("fixture.sharedlib"), "installed for the failed plugin alone, removed with it");

        assertNull(bed.manager().load("usera"));
        Bundle library = bed.felix().bundle("fixture.sharedlib");
        assertEquals(refused, bed.manager().load("refusing"));
        assertEquals(Bundle.ACTIVE, library.getState(), "usera still needs it");
        assertNull(bed.felix().bundle("fixture.refusing"));
    }
}
