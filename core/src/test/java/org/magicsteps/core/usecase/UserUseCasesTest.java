package org.magicsteps.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.User;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.memory.InMemoryUserStore;
import org.magicsteps.core.memory.Pbkdf2PasswordHasher;

class UserUseCasesTest {

    private final InMemoryUserStore users = new InMemoryUserStore();
    private final Pbkdf2PasswordHasher hasher = new Pbkdf2PasswordHasher(1_000); // fast; production uses 600,000
    private final RegisterUser register = new RegisterUser(users, hasher, Clock.fixed(Fixture.NOW, ZoneOffset.UTC));
    private final AuthenticateUser authenticate = new AuthenticateUser(users, hasher);

    private User registerAna() {
        return register.execute(new RegisterUser.Command("ana", "senha123".toCharArray(), "Ana Souza", Role.USER));
    }

    @Test
    void registrationStoresAHashNotThePassword() {
        User ana = registerAna();

        assertEquals(Optional.of(ana), users.find("ana"));
        assertFalse(ana.passwordHash().encoded().contains("senha123"));
        assertTrue(ana.passwordHash().encoded().startsWith("$pbkdf2-sha256$"));
        assertEquals(Fixture.NOW, ana.createdAt());
        assertEquals("Ana Souza", ana.fullName());
    }

    @Test
    void aWeakPasswordAndABadUsernameAreReportedTogether() {
        ValidationException e = assertThrows(ValidationException.class, () -> register.execute(
                new RegisterUser.Command("a b", "123".toCharArray(), null, Role.USER)));

        assertEquals(Set.of("username", "password"),
                e.violations().stream().map(Violation::field).collect(Collectors.toSet()));
        assertEquals(List.of(), users.list());
    }

    @Test
    void aTakenUsernameIsRefused() {
        registerAna();

        assertThrows(UserAlreadyExistsException.class, () -> register.execute(
                new RegisterUser.Command("ana", "outra-senha".toCharArray(), null, Role.ADMIN)));
        assertEquals(Role.USER, users.find("ana").orElseThrow().role());
    }

    @Test
    void theRightPasswordAuthenticatesAndAnyOtherDoesNot() {
        registerAna();

        assertEquals(Optional.of(new Actor("ana", Role.USER)), authenticate.execute("ana", "senha123".toCharArray()));
        assertEquals(Optional.empty(), authenticate.execute("ana", "senha124".toCharArray()));
        assertEquals(Optional.empty(), authenticate.execute("ana", null));
        assertEquals(Optional.empty(), authenticate.execute("nobody", "senha123".toCharArray()));
    }

    @Test
    void aDisabledUserCanNeitherLogInNorBeFoundActive() {
        registerAna();
        FindActiveUser findActive = new FindActiveUser(users);
        assertEquals(Optional.of(new Actor("ana", Role.USER)), findActive.execute("ana"));

        User disabled = new DisableUser(users).execute("ana");

        assertTrue(disabled.disabled());
        assertEquals(Optional.empty(), authenticate.execute("ana", "senha123".toCharArray()));
        assertEquals(Optional.empty(), findActive.execute("ana"));
        assertEquals(Optional.empty(), findActive.execute("nobody"));
        assertThrows(NotFoundException.class, () -> new DisableUser(users).execute("nobody"));
    }

    @Test
    void usersAreListedByName() {
        register.execute(new RegisterUser.Command("zeca", "senha123".toCharArray(), null, Role.USER));
        registerAna();

        assertEquals(List.of("ana", "zeca"), new ListUsers(users).execute().stream().map(User::username).toList());
    }

    @Test
    void theCommandNeverPrintsThePassword() {
        RegisterUser.Command command = new RegisterUser.Command("ana", "senha123".toCharArray(), null, Role.USER);

        assertFalse(command.toString().contains("senha123"));
    }
}
