package io.conveyor.plugin.mongodb.bson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class JsonDocumentOptionTest {
    @Test
    void extendedJsonTextIsParsed() throws Exception {
        BsonDocument d = JsonDocumentOption.parse("{\"_id\": {\"$oid\": \"65a1f0c2e4b0a1b2c3d4e5f6\"}, \"n\": {\"$gt\": 3}}");
        assertEquals("65a1f0c2e4b0a1b2c3d4e5f6", d.getObjectId("_id").getValue().toHexString());
        assertEquals(3, d.getDocument("n").getInt32("$gt").getValue());
    }

    @Test
    void tomlTableBecomesADocumentWithDatesAsBsonDates() throws Exception {
        Map<String, Object> table = Map.of("created", Map.of("$gte", OffsetDateTime.parse("2024-01-01T00:00:00Z")),
                "tags", Map.of("$in", List.of("a", "b")));
        BsonDocument d = JsonDocumentOption.parse(table);
        assertEquals(1_704_067_200_000L, d.getDocument("created").getDateTime("$gte").getValue());
        assertEquals(2, d.getDocument("tags").getArray("$in").size());
    }

    @Test
    void errorOnALaterLineNamesLineAndColumn() {
        JsonDocumentOption.InvalidDocumentException e = assertThrows(JsonDocumentOption.InvalidDocumentException.class,
                () -> JsonDocumentOption.parse("{\n  \"a\": 1,\n  \"b\": ]\n}"));
        assertEquals("is not valid JSON: JSON reader was expecting a value but found ']'. (near line 3, column 8 of the JSON)",
                e.getMessage());
    }

    @Test
    void aNumberIsNotADocument() {
        JsonDocumentOption.InvalidDocumentException e = assertThrows(JsonDocumentOption.InvalidDocumentException.class,
                () -> JsonDocumentOption.parse(42L));
        assertEquals("must be a JSON object in a string or a TOML table, not a long", e.getMessage());
    }
}
