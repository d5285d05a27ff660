package io.ascendgw.gateway.sim.format;

import java.math.BigDecimal;

/**
 * Formats doubles the way vLLM's Python side prints them: {@code repr(float)} for error messages and
 * prometheus_client's {@code floatToGoString} for the metrics text ({@code 2.0}, {@code 0.0424},
 * {@code 1.7600012e+09}, {@code +Inf}).
 */
public final class PyFloat {

    private PyFloat() {
    }

    /** Python {@code repr(float)}: shortest round-trip digits, scientific below 1e-4 and from 1e16. */
    public static String repr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = bd.precision() - bd.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            String digits = bd.unscaledValue().abs().toString();
            StringBuilder sb = new StringBuilder();
            if (d < 0) {
                sb.append('-');
            }
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                sb.append('0');
            }
            return sb.append(abs).toString();
        }
        String plain = bd.toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }

    /** prometheus_client {@code floatToGoString}: repr, but positive numbers with more than six integer digits in exponent form. */
    public static String prometheus(double d) {
        if (d == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        if (d == Double.NEGATIVE_INFINITY) {
            return "-Inf";
        }
        if (Double.isNaN(d)) {
            return "NaN";
        }
        String s = repr(d);
        int dot = s.indexOf('.');
        if (d > 0 && dot > 6) {
            String mantissa = (s.charAt(0) + "." + s.substring(1, dot) + s.substring(dot + 1));
            mantissa = stripTrailing(mantissa);
            return mantissa + "e+0" + (dot - 1);
        }
        return s;
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '0' || s.charAt(end - 1) == '.')) {
            end--;
        }
        return s.substring(0, end);
    }
}
