package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.User;
import org.magicsteps.core.memory.Pbkdf2PasswordHasher;
import org.magicsteps.core.port.PasswordHasher;

/**
 * {@code users add|list|disable}, each invocation a wiring of its own (as each is a process of its
 * own), on the persistent embedded store of one working directory.
 */
class UsersCommandTest {

    @TempDir
    Path workingDirectory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String stdin, String... args) {
        // The production wiring (and its 600,000-iteration hasher), with a stand-in model.
        MagicSteps root = new MagicSteps(Map.of(), workingDirectory, config -> new Wiring(config, c -> CliTestModel.predictor()),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        CommandLine cli = MagicSteps.commandLine(root);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void addAnAdminListAndDisable() {
        assertEquals(0, run("admin-password\n", "users", "add", "root", "--admin", "--password-stdin",
                "--full-name", "Root User"));
        assertTrue(out.toString().contains("added root (admin)"), out.toString());
        assertEquals("", err.toString(), "no warning: the embedded store persists");
        assertEquals(Role.ADMIN, storedUser("root").role());
        PasswordHasher production = new Pbkdf2PasswordHasher();
        assertTrue(production.matches("admin-password".toCharArray(), storedUser("root").passwordHash()));

        assertEquals(0, run("senha123\n", "users", "add", "maria", "--password-stdin"));
        assertEquals(0, run("", "users", "list"));
        assertTrue(out.toString().matches("(?s).*maria\\s+user\\s+active.*"), out.toString());
        assertTrue(out.toString().matches("(?s).*root\\s+admin\\s+active.*Root User.*"), out.toString());

        assertEquals(0, run("", "users", "disable", "maria"));
        assertTrue(storedUser("maria").disabled());
        assertEquals(0, run("", "users", "list"));
        assertTrue(out.toString().matches("(?s).*maria\\s+user\\s+disabled.*"), out.toString());
    }

    /** The user as the server started in this working directory would find it. */
    private User storedUser(String name) {
        AppConfig config = AppConfig.defaults().withDataDir(workingDirectory.resolve("data"));
        try (Wiring server = new Wiring(config, c -> CliTestModel.predictor())) {
            return server.userStore().find(name).orElseThrow();
        }
    }

    @Test
    void refusalsNameTheProblemAndExitNonZero() {
        assertEquals(2, run("short\n", "users", "add", "weak", "--password-stdin"));
        assertTrue(err.toString().contains("password: must have at least 8 characters"), err.toString());
        assertEquals(0, run("senha123\n", "users", "add", "twice", "--password-stdin"));
        assertEquals(1, run("senha123\n", "users", "add", "twice", "--password-stdin"));
        assertTrue(err.toString().contains("User already exists: twice"), err.toString());
        assertEquals(1, run("", "users", "disable", "ghost"));
        assertTrue(err.toString().contains("no user 'ghost'"), err.toString());
        assertEquals(2, run("", "users", "add", "nostdin"), "no terminal and no --password-stdin");
        assertTrue(err.toString().contains("use --password-stdin"), err.toString());
    }
}
