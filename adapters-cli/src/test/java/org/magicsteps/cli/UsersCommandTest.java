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

import picocli.CommandLine;

import org.magicsteps.core.domain.Role;
import org.magicsteps.core.memory.Pbkdf2PasswordHasher;
import org.magicsteps.core.port.PasswordHasher;

/**
 * {@code users add|list|disable}. Each invocation shares one wiring here, as the persistent store
 * will be shared between invocations once the Mongo adapter lands.
 */
class UsersCommandTest {

    /** The production wiring (and its 600,000-iteration hasher), with a stand-in model. */
    private final Wiring wiring = new Wiring(AppConfig.defaults(), c -> CliTestModel.predictor());

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String stdin, String... args) {
        MagicSteps root = new MagicSteps(Map.of(), Path.of("."), config -> wiring,
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
        assertTrue(err.toString().contains("does not persist"), "the in-memory store is announced: " + err);
        assertEquals(Role.ADMIN, wiring.userStore().find("root").orElseThrow().role());
        PasswordHasher production = new Pbkdf2PasswordHasher();
        assertTrue(production.matches("admin-password".toCharArray(),
                wiring.userStore().find("root").orElseThrow().passwordHash()));

        assertEquals(0, run("senha123\n", "users", "add", "maria", "--password-stdin"));
        assertEquals(0, run("", "users", "list"));
        assertTrue(out.toString().matches("(?s).*maria\\s+user\\s+active.*"), out.toString());
        assertTrue(out.toString().matches("(?s).*root\\s+admin\\s+active.*Root User.*"), out.toString());

        assertEquals(0, run("", "users", "disable", "maria"));
        assertTrue(wiring.userStore().find("maria").orElseThrow().disabled());
        assertEquals(0, run("", "users", "list"));
        assertTrue(out.toString().matches("(?s).*maria\\s+user\\s+disabled.*"), out.toString());
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
