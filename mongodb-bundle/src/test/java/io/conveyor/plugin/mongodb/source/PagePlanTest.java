package io.conveyor.plugin.mongodb.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.Test;

class PagePlanTest {
    @Test
    void firstPageIsTheQueryAndLaterPagesStartAfterTheKey() {
        PagePlan plan = new PagePlan(BsonDocument.parse("{\"s\": \"a\"}"), null, "_id");
        assertEquals(BsonDocument.parse("{\"s\": \"a\"}"), plan.filter(null));
        assertEquals(BsonDocument.parse("{\"$and\": [{\"s\": \"a\"}, {\"_id\": {\"$gt\": 5}}]}"),
                plan.filter(Arrays.asList(new BsonInt32(5))));
        assertEquals(BsonDocument.parse("{\"_id\": 1}"), plan.sort());
    }

    @Test
    void anotherCursorFieldIsTieBrokenByTheId() {
        PagePlan plan = new PagePlan(new BsonDocument(), null, "ts");
        assertEquals(BsonDocument.parse("{\"ts\": 1, \"_id\": 1}"), plan.sort());
        assertEquals(BsonDocument.parse("{\"$or\": [{\"ts\": {\"$gt\": 7}}, {\"ts\": 7, \"_id\": {\"$gt\": 3}}]}"),
                plan.filter(Arrays.asList(new BsonInt32(7), new BsonInt32(3))));
        assertEquals(BsonDocument.parse("{\"ts\": {\"$gt\": 7}}"), plan.filter(Arrays.asList(new BsonInt32(7), null)),
                "resuming from a bare cursor_value");
    }

    @Test
    void afterABracketTheLaterTypeBracketsAreAskedFor() {
        PagePlan plan = new PagePlan(BsonDocument.parse("{\"s\": 1}"), null, "_id");
        int dates = PagePlan.bracketOf(new org.bson.BsonDateTime(0));
        assertEquals(BsonDocument.parse("{\"$and\": [{\"s\": 1}, {\"_id\": {\"$type\": [17, 11, 127]}}]}"),
                plan.filterAbove(dates));
        assertNull(plan.filterAbove(PagePlan.bracketOf(new org.bson.BsonMaxKey())), "nothing sorts after max key");
    }

    @Test
    void inclusionProjectionGetsTheKeyFieldsWhichAreThenHidden() {
        PagePlan plan = new PagePlan(new BsonDocument(), BsonDocument.parse("{\"name\": 1, \"_id\": 0}"), "ts");
        assertEquals(BsonDocument.parse("{\"name\": 1, \"ts\": 1}"), plan.projection());
        Map<String, Object> row = new LinkedHashMap<>(Map.of("_id", 1L, "ts", 2L, "name", "x"));
        assertEquals(Map.of("name", "x"), plan.strip(row));
    }

    @Test
    void excludingOnlyTheIdLeavesNoProjection() {
        PagePlan plan = new PagePlan(new BsonDocument(), BsonDocument.parse("{\"_id\": 0}"), "_id");
        assertNull(plan.projection());
        assertEquals(Map.of("a", 1L), plan.strip(new LinkedHashMap<>(Map.of("_id", 1L, "a", 1L))));
    }
}
