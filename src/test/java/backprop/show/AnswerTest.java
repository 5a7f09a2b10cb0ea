package backprop.show;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class AnswerTest {
    @Test
    void rightToThreeSignificantDigits() {
        // s_3(1) = 0.437527 (notebook 1): 0.438 (rounded) and 0.4375 are right, 0.437 is off by 0.00053
        assertEquals("s_3(1) = 0.438: right (agrees to 3 significant digits)", Answer.check("s_3(1)", 0.438, 0.437527));
        assertEquals("s_3(1) = 0.4375: right (agrees to 3 significant digits)", Answer.check("s_3(1)", 0.4375, 0.437527));
        assertEquals("s_3(1) = 0.437: not yet (it differs from the library's value in the first 3 significant digits)",
                Answer.check("s_3(1)", 0.437, 0.437527));
        // small numbers count their significant digits, not decimals: δ_2(2) = -0.0751257
        assertEquals("δ_2(2) = -0.0751: right (agrees to 3 significant digits)", Answer.check("δ_2(2)", -0.0751, -0.0751257));
        assertTrue(Answer.check("δ_2(2)", -0.075, -0.0751257).contains("not yet"));
        assertEquals("δ_2(2) = 0.0751: not yet (it differs from the library's value in the first 3 significant digits; look at the sign)",
                Answer.check("δ_2(2)", 0.0751, -0.0751257));
        // a value that rounds up across a power of ten: 0.9996 -> 1.00
        assertTrue(Answer.right(1.0, 0.9996, 3));
        assertTrue(Answer.right(0.9996, 0.9996, 3));
        assertFalse(Answer.right(1.01, 0.9996, 3));
        assertTrue(Answer.right(0, 0, 3));
        assertFalse(Answer.right(0.01, 0, 3));
        assertFalse(Answer.right(Double.POSITIVE_INFINITY, 1, 3));
    }

    @Test
    void moreDigitsWhenAsked() {
        assertEquals("w = -0.28159: right (agrees to 5 significant digits)", Answer.check("w", -0.28159, -0.281595, 5));
        assertTrue(Answer.check("w", -0.2815, -0.281595, 5).contains("not yet"));
        assertEquals("w = -0.3: right (agrees to 1 significant digit)", Answer.check("w", -0.3, -0.281595, 1));
    }

    @Test
    void noAnswerYet() {
        assertEquals("s_3(1): no answer yet: put your number in place of Double.NaN and run the cell again",
                Answer.check("s_3(1)", Double.NaN, 0.437527));
    }

    @Test
    void badArguments() {
        assertEquals("digits = 0, expected 1..15 significant digits",
                assertThrows(IllegalArgumentException.class, () -> Answer.check("a", 1, 1, 0)).getMessage());
        assertEquals("expected value of a is NaN, expected a finite number to check against",
                assertThrows(IllegalArgumentException.class, () -> Answer.check("a", 1, Double.NaN)).getMessage());
    }
}
