package io.conveyor.plugin.mongodb.bson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class CursorValuesTest {
    private static void assertResumesExactly(BsonValue v) {
        Object reported = CursorValues.toReport(v);
        Object option = reported instanceof Instant i ? OffsetDateTime.parse(i.toString()) : reported;
        BsonValue back = CursorValues.fromOption(option);
        assertEquals(v.isInt32() ? new BsonInt64(v.asInt32().getValue()) : v, back, "reported as " + reported);
    }

    @Test
    void everyReportedValueResumesAtTheSameValue() {
        assertResumesExactly(new BsonObjectId(new ObjectId("65a1f0c2e4b0a1b2c3d4e5f6")));
        assertResumesExactly(new BsonInt64(12));
        assertResumesExactly(new BsonInt32(12));
        assertResumesExactly(new BsonString("order-17"));
        assertResumesExactly(new BsonString("65a1f0c2e4b0a1b2c3d4e5f6"));
        assertResumesExactly(new BsonString("{not json}"));
        assertResumesExactly(new BsonDateTime(1_700_000_000_123L));
        assertResumesExactly(new BsonDecimal128(Decimal128.parse("10.50")));
    }

    @Test
    void hexTextThatIsAStringIsReportedQuoted() {
        assertEquals("\"65a1f0c2e4b0a1b2c3d4e5f6\"", CursorValues.toReport(new BsonString("65a1f0c2e4b0a1b2c3d4e5f6")));
        assertEquals("65a1f0c2e4b0a1b2c3d4e5f6",
                CursorValues.toReport(new BsonObjectId(new ObjectId("65a1f0c2e4b0a1b2c3d4e5f6"))));
    }
}
