package io.ascendgw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.smallrye.config.WithName;

/** Every configuration key under {@code gateway} (walked from the mapping itself) is documented in README.md. */
class ReadmeDocumentsEveryKeyTest {

    @Test
    void shouldDocumentEveryGatewayKeyInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        List<String> keys = new ArrayList<>();
        collect(GatewayConfig.class, "gateway.", keys);
        assertThat(keys).hasSizeGreaterThan(40);
        assertThat(keys).allSatisfy(key -> assertThat(readme).as("README.md documents %s", key)
                .contains("`" + key + "`"));
    }

    private static void collect(Class<?> group, String prefix, List<String> keys) {
        for (Method method : group.getMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault() || method.getDeclaringClass() == Object.class) {
                continue;
            }
            WithName withName = method.getAnnotation(WithName.class);
            String key = prefix + (withName != null ? withName.value() : kebab(method.getName()));
            Type type = method.getGenericReturnType();
            Class<?> nested = groupOf(type);
            if (nested != null && isMap(type)) {
                collect(nested, key + ".<name>.", keys);
            } else if (nested != null) {
                collect(nested, key + ".", keys);
            } else {
                keys.add(key);
            }
        }
    }

    /** The configuration group a property holds (directly, optionally, or as map values), or null for a value. */
    private static Class<?> groupOf(Type type) {
        if (type instanceof Class<?> c) {
            return c.isInterface() && c.getPackageName().equals(GatewayConfig.class.getPackageName()) ? c : null;
        }
        if (type instanceof ParameterizedType p) {
            Type raw = p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (raw == Optional.class) {
                return groupOf(args[0]);
            }
            if (raw == Map.class) {
                return groupOf(args[1]);
            }
        }
        return null;
    }

    private static boolean isMap(Type type) {
        return type instanceof ParameterizedType p && p.getRawType() == Map.class;
    }

    private static String kebab(String name) {
        StringBuilder key = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                key.append('-').append(Character.toLowerCase(c));
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }
}
