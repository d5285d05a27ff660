package io.ascendgw.gateway.sim.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PyFloatTest {

    @ParameterizedTest
    @CsvSource({"2,2.0", "-1,-1.0", "0.0424,0.0424", "0.001,0.001", "0.00001,1e-05", "1e16,1e+16",
        "1234567890123456,1234567890123456.0", "35496,35496.0", "1.5e-7,1.5e-07"})
    void shouldMatchPythonReprWhenFormattingFloats(double value, String expected) {
        assertThat(PyFloat.repr(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"2,2.0", "474308,474308.0", "1048576,1.048576e+06", "1760001200,1.7600012e+09",
        "12.403659328032836,12.403659328032836", "-1,-1.0", "Infinity,+Inf", "0.0012197601138442774,0.0012197601138442774"})
    void shouldMatchPrometheusClientWhenFormattingSampleValues(double value, String expected) {
        assertThat(PyFloat.prometheus(value)).isEqualTo(expected);
    }
}
