package org.magicsteps.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.Violation.Kind;

class UserTest {

    private static final PasswordHash HASH = new PasswordHash("$pbkdf2-sha256$i=1000$c2FsdA$c2VjcmV0LWhhc2g");

    @Test
    void usernamesAreThreeToSixtyFourPlainCharacters() {
        assertEquals(List.of(), User.checkUsername("ana.souza@ong-passos_2"));
        assertEquals(Kind.INVALID, User.checkUsername("ab").get(0).kind());
        assertEquals(Kind.INVALID, User.checkUsername("a".repeat(65)).get(0).kind());
        assertEquals(Kind.INVALID, User.checkUsername("ana souza").get(0).kind());
        assertEquals(Kind.MISSING, User.checkUsername("").get(0).kind());
        assertThrows(ValidationException.class, () -> new User("no way", "", Role.USER, HASH, false, Instant.now()));
    }

    @Test
    void passwordsAreEightToOneHundredTwentyEightCharactersAndNotTheUsername() {
        assertEquals(List.of(), User.checkPassword("senha123", "ana"), "the original README's password works");
        assertEquals(Kind.TOO_SHORT, User.checkPassword("senha12", "ana").get(0).kind());
        assertEquals(Kind.TOO_LONG, User.checkPassword("x".repeat(129), "ana").get(0).kind());
        assertEquals(List.of(), User.checkPassword("x".repeat(128), "ana"));
        assertEquals(Kind.INVALID, User.checkPassword("        ", "ana").get(0).kind());
        assertEquals(Kind.INVALID, User.checkPassword("Ana.Souza", "ana.souza").get(0).kind());
        assertEquals(Kind.MISSING, User.checkPassword(null, "ana").get(0).kind());
    }

    @Test
    void aPasswordNeverAppearsInAViolation() {
        Violation v = User.checkPassword("short", "ana").get(0);

        assertEquals(null, v.value());
        assertFalse(v.message().contains("short"));
    }

    @Test
    void theHashNeverAppearsInToString() {
        User user = new User("ana", "Ana", Role.USER, HASH, false, Instant.now());

        assertFalse(user.toString().contains("c2VjcmV0LWhhc2g"));
        assertTrue(user.toString().contains("hidden"));
    }

    @Test
    void disablingAndRolesKeepTheRest() {
        User user = new User("ana", " Ana Souza ", Role.USER, HASH, false, Instant.parse("2026-01-01T00:00:00Z"));

        User disabled = user.disable();

        assertTrue(disabled.disabled());
        assertEquals("Ana Souza", disabled.fullName());
        assertEquals(new Actor("ana", Role.ADMIN), user.withRole(Role.ADMIN).asActor());
        assertEquals(Role.ADMIN, Role.fromLabel("ADMIN"));
        assertEquals("admin", Role.ADMIN.label());
    }
}
