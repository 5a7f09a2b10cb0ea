package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The library's one number format, and its one table renderer, as exact strings. */
class FormatTest {
    @Test
    void sixSignificantDigitsWithoutTrailingZeros() {
        assertEquals("0.1", Format.number(0.1));
        assertEquals("-0.0751257", Format.number(-0.0751257123));
        assertEquals("-1", Format.number(-1));
        assertEquals("10", Format.number(10));
        assertEquals("123457", Format.number(123456.7));
        assertEquals("1", Format.number(0.99999951)); // rounds up to 1.00000, zeros dropped
        assertEquals("0.000185432", Format.number(1.85432e-4)); // six digits, not six decimals
    }

    @Test
    void scientificExactlyOutsideTheDecimalRange() {
        assertEquals("0.0001", Format.number(1e-4));
        assertEquals("0.0001", Format.number(9.999996e-5)); // rounds to 1.00000e-04: decimal
        assertEquals("9.99999e-05", Format.number(9.99999e-5));
        assertEquals("6.79589e-05", Format.number(6.795894e-05));
        assertEquals("1.5e-08", Format.number(1.5e-8));
        assertEquals("999999", Format.number(999999.4));
        assertEquals("1e+06", Format.number(999999.7)); // rounds to 10^6: scientific
        assertEquals("1.23457e+06", Format.number(1234567));
        assertEquals("4.9e-324", Format.number(Double.MIN_VALUE));
        assertEquals("1.79769e+308", Format.number(Double.MAX_VALUE));
    }

    @Test
    void zeroNaNAndInfinities() {
        assertEquals("0", Format.number(0.0));
        assertEquals("0", Format.number(-0.0));
        assertEquals("NaN", Format.number(Double.NaN));
        assertEquals("Infinity", Format.number(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", Format.number(Double.NEGATIVE_INFINITY));
    }

    @Test
    void fewerDigitsForLabels() {
        assertEquals("0.123", Format.significant(0.12345, 3));
        assertEquals("1.2e+03", Format.significant(1234, 2));
        assertEquals("-7", Format.significant(-7, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Format.significant(1, 0));
        assertEquals("digits = 0, expected 1..17 significant digits", e.getMessage());
    }

    @Test
    void tableColumnsLineUpOnTheDecimalPoint() {
        Table t = Table.of(Table.Align.RIGHT, Table.Align.POINT, Table.Align.POINT, Table.Align.LEFT)
                .row("t", "E_in", "E_test", "note")
                .row(0, 0.5, -12.25, "start")
                .row(500, 0.0123, 1e-9)
                .row(100000, 6.795894e-05, Double.NaN, "end")
                .row(7, "-", null, null);
        assertEquals("""
                     t         E_in   E_test  note
                     0  0.5          -12.25   start
                   500  0.0123         1e-09
                100000  6.79589e-05  NaN      end
                     7  -""", t.render());
        assertEquals("Table (4 columns, 5 rows)", t.toString());
    }

    @Test
    void aVectorAsLabelledLines() {
        Table t = Table.of(Table.Align.LEFT, Table.Align.LEFT, Table.Align.POINT).gap(" ")
                .row("x_0(1)", "=", -1.0).row("x_1(1)", "=", -0.148885).row("g(x)", "=", 12.5);
        assertEquals("""
                x_0(1) = -1
                x_1(1) = -0.148885
                g(x)   = 12.5""", t.render());
    }

    @Test
    void badTablesAreRefused() {
        assertEquals("row of 3 cells, expected at most 2 (the number of columns)",
                assertThrows(IllegalArgumentException.class,
                        () -> Table.of(Table.Align.LEFT, Table.Align.LEFT).row(1, 2, 3)).getMessage());
        assertEquals("table columns [], expected at least one column and no null",
                assertThrows(IllegalArgumentException.class, () -> Table.of()).getMessage());
    }

    @Test
    void aMatrixPrintsAsATable() {
        Matrix w = new Matrix("w(1)", new double[][]{{0.1, 0.2}, {0.3, 1.5e-8}, {-0.2, 12345678.9}});
        assertEquals("""
                w(1)               j = 1        j = 2
                i = 0 (threshold)    0.1  0.2
                i = 1                0.3  1.5e-08
                i = 2               -0.2  1.23457e+07""", w.table());
    }
}
