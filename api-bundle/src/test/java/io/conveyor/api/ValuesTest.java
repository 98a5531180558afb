package io.conveyor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void widening() {
        assertEquals(DataType.DOUBLE, Values.widen(DataType.LONG, DataType.DOUBLE));
        assertEquals(DataType.STRING, Values.widen(DataType.LONG, DataType.BOOL));
        assertEquals(DataType.JSON, Values.widen(DataType.STRING, DataType.JSON));
        assertEquals(DataType.STRING, Values.widen(DataType.DATE, DataType.TIMESTAMP));
        assertEquals(DataType.LONG, Values.widen(null, DataType.LONG));
    }

    @Test
    void conversionsRefuseLossInsteadOfGuessing() {
        assertEquals(3L, Values.convert(3.0, DataType.LONG));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Values.convert(3.5, DataType.LONG));
        assertEquals("cannot convert double '3.5' to long", e.getMessage());
        assertEquals("cannot convert string 'yes' to bool",
                assertThrows(IllegalArgumentException.class, () -> Values.convert("yes", DataType.BOOL)).getMessage());
        assertEquals(Instant.parse("2024-01-01T10:00:00Z"), Values.convert("2024-01-01T12:00:00+02:00", DataType.TIMESTAMP));
        assertEquals(LocalDate.of(2024, 3, 1), Values.convert("2024-03-01", DataType.DATE));
    }

    @Test
    void bigDecimalThatDoesNotFitADoubleStaysText() {
        assertEquals(DataType.DOUBLE, Values.typeOf(new BigDecimal("12.25")));
        assertEquals(DataType.STRING, Values.typeOf(new BigDecimal("0.1000000000000000000001")));
    }

    @Test
    void canonicalText() {
        assertEquals("100000000000000000000", Values.toText(1e20));
        assertEquals("0.5", Values.toText(0.5));
        assertEquals("2024-01-01T00:00:00Z", Values.toText(Instant.parse("2024-01-01T00:00:00Z")));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", "q\"uote\n");
        m.put("b", List.of(1L, 2.5, true));
        m.put("c", null);
        assertEquals("{\"a\":\"q\\\"uote\\n\",\"b\":[1,2.5,true],\"c\":null}", Values.toText(m));
    }

    @Test
    void microsRoundTripBeforeAndAfterEpoch() {
        for (String s : new String[] {"1969-12-31T23:59:59.999999Z", "2024-06-01T12:00:00.000001Z"}) {
            Instant i = Instant.parse(s);
            assertEquals(i, Values.instantOfMicros(Values.microsOf(i)));
        }
    }
}
