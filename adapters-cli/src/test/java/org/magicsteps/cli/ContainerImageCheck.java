package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;

/**
 * Builds the container image with {@code container/build-image} (podman, on a Debian base made
 * here with debootstrap unless BASE names another) and checks what it holds: the server jar
 * exactly as built, a Java runtime that starts, the health check, a non-root user that owns the
 * data volume and nothing else of ours, the entrypoint, and the compose file's services. It does
 * not start the image: these machines refuse to run containers (podman run fails on setrlimit).
 *
 * <p>Not part of {@code mvn verify} (it downloads a Debian base the first time, a few minutes):
 * {@code mvn -B verify -Pcontainer -pl adapters-cli -am} runs it after packaging the jars (the failsafe
 * execution "container-image" of adapters-cli).
 */
class ContainerImageCheck {

    private static final Path REPO = Path.of(System.getProperty("magicsteps.repoRoot", "..")).toAbsolutePath();
    private static final Path JAR = REPO.resolve("adapters-cli/target/magic-steps-server.jar");
    private static final String USER = "10001:10001";

    record Run(int exit, String out) {
    }

    @Test
    void theImageHoldsTheServerJarAJreAHealthCheckAndRunsAsANonRootUser() throws Exception {
        Run built = run(REPO, 30, REPO.resolve("container/build-image").toString());
        assertEquals(0, built.exit(), built.out());
        String image = built.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        JsonNode inspected = Api.JSON.readTree(run(REPO, 1, "podman", "image", "inspect", image).out()).get(0);
        JsonNode config = inspected.get("Config");

        assertEquals(USER, config.path("User").asText(), "a non-root user");
        assertEquals(List.of("java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar",
                "/opt/magic-steps/magic-steps-server.jar"), strings(config.path("Entrypoint")));
        assertEquals(List.of("serve"), strings(config.path("Cmd")));
        assertTrue(config.path("Volumes").has("/srv/magic-steps/data"), config.toString());
        assertTrue(config.path("ExposedPorts").has("8000/tcp"), config.toString());
        assertTrue(strings(config.path("Env")).contains("DATA_DIR=/srv/magic-steps/data"), config.toString());
        // Docker's image format (build-image asks for it): the OCI format has no health check.
        assertEquals(List.of("CMD", "/opt/magic-steps/healthcheck"), strings(inspected.path("Healthcheck").path("Test")));
        assertEquals(10_000_000_000L, inspected.path("Healthcheck").path("Interval").asLong());

        Path root = Path.of(run(REPO, 1, "podman", "image", "mount", image).out().strip());
        try {
            Path jar = root.resolve("opt/magic-steps/magic-steps-server.jar");
            assertEquals(sha256(JAR), sha256(jar), "the server jar as built");
            assertEquals(0, Files.getAttribute(jar, "unix:uid"), "the jar belongs to root");
            assertTrue(!Files.getPosixFilePermissions(jar).contains(PosixFilePermission.OTHERS_WRITE));
            Path healthcheck = root.resolve("opt/magic-steps/healthcheck");
            assertTrue(Files.isExecutable(healthcheck));
            assertEquals(Files.readString(REPO.resolve("container/healthcheck")), Files.readString(healthcheck));
            Path data = root.resolve("srv/magic-steps/data");
            assertEquals(10001, Files.getAttribute(data, "unix:uid"), "the data directory belongs to the server's user");
            // The runtime itself, found as the entrypoint finds it: `java` on the image's PATH. A chroot has
            // no /proc, from which the launcher finds its libraries in a container: they are named here.
            String javaPath = javaOnPath(root, strings(config.path("Env")));
            String libraries = Path.of(javaPath).getParent().resolveSibling("lib").toString();
            Run java = run(REPO, 2, "chroot", root.toString(), "/usr/bin/env", "LD_LIBRARY_PATH=" + libraries, javaPath,
                    "-version");
            assertEquals(0, java.exit(), java.out());
            assertTrue(java.out().matches("(?s).*version \"(1[7-9]|2\\d)[.\"].*"), "a Java 17+ runtime: " + java.out());
        } finally {
            run(REPO, 1, "podman", "image", "unmount", image);
        }

        String compose = Files.readString(REPO.resolve("container/docker-compose.yml"));
        for (String service : List.of("replica-1:", "replica-2:", "mongo:", "redis:", "proxy:")) {
            assertTrue(compose.contains("\n  " + service), "compose has " + service);
        }
        System.out.printf("image %s: user %s, jar %s, %s%n", image, USER, sha256(JAR).substring(0, 12),
                run(REPO, 1, "podman", "image", "inspect", "--format", "{{.Size}} bytes", image).out().strip());
    }

    /** The real path, inside the image, of the {@code java} that its PATH finds. */
    private static String javaOnPath(Path root, List<String> env) throws IOException {
        String path = env.stream().filter(e -> e.startsWith("PATH=")).findFirst().orElse("PATH=/usr/bin").substring(5);
        for (String dir : path.split(":")) {
            String inside = dir + "/java";
            for (int links = 0; links < 10 && Files.isSymbolicLink(root.resolve(inside.substring(1))); links++) {
                Path target = Files.readSymbolicLink(root.resolve(inside.substring(1)));
                inside = target.isAbsolute() ? target.toString()
                        : Path.of(inside).getParent().resolve(target).normalize().toString();
            }
            if (Files.isExecutable(root.resolve(inside.substring(1)))) {
                return inside;
            }
        }
        throw new AssertionError("no java on the image's PATH " + path);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String sha256(Path file) throws IOException {
        return DigestUtils.sha256Hex(Files.readAllBytes(file));
    }

    private static Run run(Path dir, int minutes, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("LC_ALL", "C"));
        Process p = builder.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(minutes, TimeUnit.MINUTES), String.join(" ", command) + " ends");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
