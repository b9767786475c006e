package io.github.jitprovisioning.it.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Which Keycloak classes, methods and fields the JAR uses that the distribution under test ({@code keycloak.home})
 * lacks, found without starting it: {@code javap -c} lists every reference of the JAR's bytecode, and each one is
 * looked up by reflection in the distribution's {@code lib/lib/main}. A missing one is harmless only where
 * {@code KeycloakCompat} checks for it before use; anywhere else it is a {@code NoSuchMethodError} (HTTP 500) at the
 * first request that reaches it. Runs in the compatibility executions, where it names what an older Keycloak lacks.
 */
@Tag("compatibility")
class KeycloakApiLinkageIT {

    private static final Pattern CLASS_HEADER = Pattern.compile(
            "^(?:(?:public|final|abstract|private|protected|static|sealed|non-sealed) )*(?:class|interface|enum|record) ([\\w.$]+)");
    private static final Pattern REFERENCE = Pattern.compile(
            "// (InterfaceMethod|Method|Field|class) ([\\w/$]+)(?:\\.(\"?[\\w<>$]+\"?):(\\S+))?");
    /**
     * KeycloakCompat, and the classes that only it lets load (after checking that their Keycloak API exists):
     * OrganizationRemovals, and the portal's classes (served only where Keycloak has organization groups).
     */
    private static final Set<String> GUARDS = Set.of("io.github.jitprovisioning.provisioning.KeycloakCompat",
            "io.github.jitprovisioning.domains.OrganizationRemovals");

    @Test
    void everyKeycloakApiTheJarUsesOutsideKeycloakCompatExistsInThisDistribution() throws Exception {
        Path home = Path.of(System.getProperty("keycloak.home"));
        Path jar = Path.of(System.getProperty("jit.jar"));
        Map<String, Set<String>> missing = missingReferences(jar, home.resolve("lib/lib/main"));

        Map<String, Set<String>> unguarded = new TreeMap<>();
        missing.forEach((reference, users) -> {
            Set<String> outside = new TreeSet<>(users);
            outside.removeAll(GUARDS);
            outside.removeIf(user -> user.startsWith("io.github.jitprovisioning.portal.") && !user.endsWith(".PortalUnavailable"));
            if (!outside.isEmpty()) {
                unguarded.put(reference, outside);
            }
        });
        System.out.println("[linkage] Keycloak " + System.getProperty("keycloak.version") + " lacks " + missing.size()
                + " API(s) the JAR references" + (missing.isEmpty() ? "" : ": " + missing));
        assertThat(unguarded).as("Keycloak APIs missing in %s and used without a KeycloakCompat check", home).isEmpty();
    }

    /** Reference ("Method owner.name:descriptor") to the JAR classes using it, for each one the distribution lacks. */
    static Map<String, Set<String>> missingReferences(Path jar, Path lib) throws IOException {
        List<String> classes = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class") && !n.contains("module-info"))
                    .forEach(n -> classes.add(n.substring(0, n.length() - ".class".length()).replace('/', '.')));
        }
        List<String> args = new ArrayList<>(List.of("-c", "-p", "-cp", jar.toString()));
        args.addAll(classes);
        StringWriter out = new StringWriter();
        int exit = ToolProvider.findFirst("javap").orElseThrow(() -> new IllegalStateException("no javap: run on a JDK"))
                .run(new PrintWriter(out), new PrintWriter(new StringWriter()), args.toArray(String[]::new));
        assertThat(exit).as("javap exit code").isZero();

        List<URL> urls = new ArrayList<>();
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path p : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                urls.add(p.toUri().toURL());
            }
        }
        Map<String, Set<String>> missing = new TreeMap<>();
        try (URLClassLoader keycloak = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            String current = "";
            for (String line : out.toString().split("\n")) {
                Matcher header = CLASS_HEADER.matcher(line);
                if (header.find()) {
                    current = header.group(1);
                    continue;
                }
                Matcher reference = REFERENCE.matcher(line);
                if (!reference.find()) {
                    continue;
                }
                String owner = reference.group(2).replace('/', '.');
                if (!owner.startsWith("org.keycloak.")) {
                    continue;
                }
                String kind = reference.group(1);
                String name = reference.group(3) == null ? null : reference.group(3).replace("\"", "");
                String descriptor = reference.group(4);
                String key = kind + " " + owner + (name == null ? "" : "." + name + ":" + descriptor);
                if (!exists(keycloak, owner, kind, name, descriptor)) {
                    missing.computeIfAbsent(key, k -> new TreeSet<>()).add(current.replaceAll("\\$.*", ""));
                }
            }
        }
        return missing;
    }

    private static boolean exists(ClassLoader loader, String owner, String kind, String name, String descriptor) {
        Class<?> type;
        try {
            type = Class.forName(owner, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        if (kind.equals("class") || name == null) {
            return true;
        }
        Deque<Class<?>> pending = new ArrayDeque<>(List.of(type));
        Set<Class<?>> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            Class<?> current = pending.pop();
            if (!seen.add(current)) {
                continue;
            }
            if (kind.equals("Field")) {
                for (Field field : current.getDeclaredFields()) {
                    if (field.getName().equals(name)) {
                        return true;
                    }
                }
            } else if (name.equals("<init>")) {
                for (Constructor<?> constructor : current.getDeclaredConstructors()) {
                    if (MethodType.methodType(void.class, constructor.getParameterTypes()).toMethodDescriptorString().equals(descriptor)) {
                        return true;
                    }
                }
                return false; // constructors are not inherited
            } else {
                for (Method method : current.getDeclaredMethods()) {
                    if (method.getName().equals(name) && MethodType.methodType(method.getReturnType(), method.getParameterTypes())
                            .toMethodDescriptorString().equals(descriptor)) {
                        return true;
                    }
                }
            }
            if (current.getSuperclass() != null) {
                pending.push(current.getSuperclass());
            }
            pending.addAll(List.of(current.getInterfaces()));
        }
        return false;
    }
}
