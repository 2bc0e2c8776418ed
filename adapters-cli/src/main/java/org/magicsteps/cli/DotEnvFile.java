package org.magicsteps.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;

/** The {@code .env} file of a directory, as the original service read it (parsed by dotenv-java). */
final class DotEnvFile {

    static final String NAME = ".env";

    private DotEnvFile() {
    }

    /**
     * The file's entries; empty when there is no file.
     *
     * @throws ConfigException when the file cannot be parsed (without quoting it: it may hold secrets)
     */
    static Map<String, String> read(Path directory) {
        if (!Files.isRegularFile(directory.resolve(NAME))) {
            return Map.of();
        }
        try {
            Dotenv dotenv = Dotenv.configure().directory(directory.toString()).filename(NAME).load();
            Map<String, String> entries = new LinkedHashMap<>();
            for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
                entries.put(entry.getKey(), entry.getValue());
            }
            return entries;
        } catch (DotenvException e) {
            throw new ConfigException(directory.resolve(NAME) + " cannot be parsed; check its quoting (KEY=value, one "
                    + "per line)");
        }
    }
}
