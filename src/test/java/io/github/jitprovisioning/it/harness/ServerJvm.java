package io.github.jitprovisioning.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JVM of a Keycloak started through {@code kc.sh}, as the benchmarks measure it (Linux, JDK's {@code jcmd}). */
public final class ServerJvm {

    private ServerJvm() {
    }

    /** The pid of the java child of {@code kcSh}. */
    public static long javaChild(ProcessHandle kcSh) {
        return kcSh.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().map(ProcessHandle::pid)
                .orElseThrow(() -> new IllegalStateException("no java child of kc.sh"));
    }

    /** A full GC in the JVM {@code pid} ({@code jcmd <pid> GC.run}), waited for. */
    public static void fullGc(long pid) throws IOException, InterruptedException {
        Process gc = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (gc.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + pid + " GC.run failed");
        }
    }

    /** The resident set of process {@code pid} in MiB ({@code VmRSS} of {@code /proc/<pid>/status}); NaN if absent. */
    public static double rssMiB(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("[^0-9]", "")).mapToDouble(Double::parseDouble)
                .findFirst().orElse(Double.NaN) / 1024;
    }
}
