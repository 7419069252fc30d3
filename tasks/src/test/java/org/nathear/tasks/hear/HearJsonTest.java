package org.nathear.tasks.hear;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class HearJsonTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void printsFloatsTheWayPythonReprDoes() {
        // expected values are Python 3's repr() of the same floats
        assertEquals("60.0", HearJson.pythonFloat(60.0));
        assertEquals("-3.25", HearJson.pythonFloat(-3.25));
        assertEquals("0.1", HearJson.pythonFloat(0.1));
        assertEquals("0.0001", HearJson.pythonFloat(0.0001));
        assertEquals("1e-05", HearJson.pythonFloat(1e-5));
        assertEquals("2.5e-07", HearJson.pythonFloat(2.5e-7));
        assertEquals("123456789.0", HearJson.pythonFloat(123456789.0));
        assertEquals("1000000000000000.0", HearJson.pythonFloat(1e15));
        assertEquals("1e+16", HearJson.pythonFloat(1e16));
        assertEquals("1.5e+300", HearJson.pythonFloat(1.5e300));
    }

    @Test
    void printsIntegersBooleansAndStringsAsPythonStrDoes() {
        assertEquals("60", HearJson.pythonStr(NODES.numberNode(60)));
        assertEquals("12345678901234567890", HearJson.pythonStr(NODES.numberNode(new java.math.BigInteger("12345678901234567890"))));
        assertEquals("True", HearJson.pythonStr(NODES.booleanNode(true)));
        assertEquals("dog", HearJson.pythonStr(NODES.textNode("dog")));
        assertEquals(null, HearJson.pythonStr(NODES.nullNode()));
    }
}
