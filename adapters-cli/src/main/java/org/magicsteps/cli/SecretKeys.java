package org.magicsteps.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

import org.magicsteps.http.TokenSecret;

/**
 * Where the token-signing secret comes from. An explicit {@code SECRET_KEY} must be at least 256
 * bits and not a well-known placeholder, or the start stops. Without one, a random secret is
 * generated once and kept in {@code DATA_DIR/secret-key} (owner-only permissions), so tokens
 * survive a restart. The secret itself is never printed.
 */
final class SecretKeys {

    static final String FILE_NAME = "secret-key";

    /** Placeholders seen in tutorials, templates and the original's {@code .env} examples. */
    private static final Set<String> WELL_KNOWN = Set.of("secret", "secret_key", "secret-key", "secretkey",
            "change_me", "change-me", "changeme", "changethis", "change_this", "please_change_me", "your_secret_key",
            "your-secret-key", "yoursecretkey", "mysecret", "my_secret", "my-secret", "mysecretkey", "supersecret",
            "super_secret", "super-secret", "password", "jwt_secret", "jwt-secret", "jwtsecret", "default", "test",
            "dev", "development", "12345678", "123456789", "1234567890", "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7");

    /** The secret and a sentence saying where it came from, for the start-up banner. */
    record Resolved(TokenSecret secret, String origin) {
    }

    private SecretKeys() {
    }

    /**
     * @throws ConfigException when {@code SECRET_KEY} is too short or well known
     */
    static Resolved resolve(AppConfig config) {
        if (config.secretKey() != null) {
            return new Resolved(explicit(config.secretKey()), "SECRET_KEY from the configuration");
        }
        Path file = config.dataDir().resolve(FILE_NAME);
        try {
            if (Files.isRegularFile(file)) {
                return new Resolved(stored(file), "read from " + file + " (generated on an earlier start)");
            }
            generate(file);
            return new Resolved(stored(file), "generated and stored in " + file
                    + " (owner-only); tokens survive restarts. Set SECRET_KEY to share one across replicas");
        } catch (IOException e) {
            throw new ConfigException("no SECRET_KEY is set and " + file + " cannot be used (" + e.getMessage()
                    + "); set SECRET_KEY to a random text of at least 32 characters");
        }
    }

    static TokenSecret explicit(String text) {
        String normalized = text.trim().toLowerCase(Locale.ROOT);
        if (WELL_KNOWN.contains(normalized) || normalized.startsWith("change") || normalized.contains("your_secret")
                || normalized.contains("your-secret")) {
            throw new ConfigException("SECRET_KEY is a well-known placeholder; anyone could forge tokens with it. "
                    + "Set a random one, e.g. `openssl rand -base64 48`, or unset it to have one generated under DATA_DIR");
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < TokenSecret.MIN_BYTES) {
            throw new ConfigException("SECRET_KEY is too short for HS256: it has " + bytes + " bytes, at least "
                    + TokenSecret.MIN_BYTES + " (256 bits) are needed. Use e.g. `openssl rand -base64 48`");
        }
        if (text.chars().distinct().count() < 8) {
            throw new ConfigException("SECRET_KEY repeats too few characters to be random (fewer than 8 distinct); "
                    + "use e.g. `openssl rand -base64 48`");
        }
        return TokenSecret.ofText(text);
    }

    private static TokenSecret stored(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (text.getBytes(StandardCharsets.UTF_8).length < TokenSecret.MIN_BYTES) {
            throw new ConfigException(file + " does not hold a usable secret (too short); delete it to have a new "
                    + "one generated, or set SECRET_KEY");
        }
        return TokenSecret.ofText(text);
    }

    private static void generate(Path file) throws IOException {
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.getParent() == null ? Path.of(".") : file.getParent());
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            return; // another process made it first; use theirs
        }
        Files.writeString(file, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

}
