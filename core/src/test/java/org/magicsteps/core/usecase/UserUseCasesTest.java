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
import org.magicsteps.core.domain.RegistrationPolicy;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.User;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.memory.InMemoryUserStore;
import org.magicsteps.core.memory.Pbkdf2PasswordHasher;

class UserUseCasesTest {

    private final InMemoryUserStore users = new InMemoryUserStore();
    private final Pbkdf2PasswordHasher hasher = new Pbkdf2PasswordHasher(1_000); // fast; production uses 600,000
    private final Clock clock = Clock.fixed(Fixture.NOW, ZoneOffset.UTC);
    private final RegisterUser register = new RegisterUser(users, hasher, clock, RegistrationPolicy.OPEN);
    private final AuthenticateUser authenticate = new AuthenticateUser(users, hasher);

    private User registerAna() {
        return register.execute(Optional.empty(),
                new RegisterUser.Command("ana", "senha123".toCharArray(), "Ana Souza", Role.USER));
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
        ValidationException e = assertThrows(ValidationException.class, () -> register.execute(Optional.empty(),
                new RegisterUser.Command("a b", "123".toCharArray(), null, Role.USER)));

        assertEquals(Set.of("username", "password"),
                e.violations().stream().map(Violation::field).collect(Collectors.toSet()));
        assertEquals(List.of(), users.list());
    }

    @Test
    void aTakenUsernameIsRefused() {
        registerAna();

        assertThrows(UserAlreadyExistsException.class, () -> register.executeAsOperator(
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
        register.execute(Optional.empty(), new RegisterUser.Command("zeca", "senha123".toCharArray(), null, Role.USER));
        registerAna();

        assertEquals(List.of("ana", "zeca"), new ListUsers(users).execute().stream().map(User::username).toList());
    }

    private static RegisterUser.Command command(String username, Role role) {
        return new RegisterUser.Command(username, "senha123".toCharArray(), null, role);
    }

    @Test
    void anOpenRegistrationLetsAnybodyRegisterAUserButOnlyAnAdminMakeAnAdmin() {
        Optional<Actor> nobody = Optional.empty();
        Optional<Actor> plain = Optional.of(new Actor("bia", Role.USER));
        Optional<Actor> admin = Optional.of(new Actor("root", Role.ADMIN));

        assertEquals(Role.USER, register.execute(nobody, command("ana", Role.USER)).role());
        AccessDeniedException anonymous = assertThrows(AccessDeniedException.class,
                () -> register.execute(nobody, command("eve", Role.ADMIN)));
        assertThrows(AccessDeniedException.class, () -> register.execute(plain, command("eve", Role.ADMIN)));
        assertEquals(Role.ADMIN, register.execute(admin, command("carla", Role.ADMIN)).role());

        assertEquals("only an admin may register an admin", anonymous.getMessage());
        assertEquals(List.of("ana", "carla"), users.list().stream().map(User::username).toList());
    }

    @Test
    void registrationForAdminsOnlyRefusesEverybodyElseBeforeLookingAtTheInput() {
        RegisterUser adminsOnly = new RegisterUser(users, hasher, clock, RegistrationPolicy.ADMINS_ONLY);
        Optional<Actor> plain = Optional.of(new Actor("bia", Role.USER));

        AccessDeniedException anonymous = assertThrows(AccessDeniedException.class,
                () -> adminsOnly.execute(Optional.empty(), command("ana", Role.USER)));
        assertThrows(AccessDeniedException.class, () -> adminsOnly.execute(plain, command("ana", Role.USER)));
        assertThrows(AccessDeniedException.class, () -> adminsOnly.execute(Optional.empty(),
                new RegisterUser.Command("a b", "1".toCharArray(), null, Role.USER)), "not a ValidationException");
        assertEquals(List.of(), users.list());

        assertEquals("only an admin may register users (REGISTRATION=admin)", anonymous.getMessage());
        assertEquals("ana", adminsOnly.execute(Optional.of(new Actor("root", Role.ADMIN)), command("ana", Role.USER))
                .username());
    }

    @Test
    void theOperatorMakesTheFirstAdminWhateverThePolicy() {
        RegisterUser adminsOnly = new RegisterUser(users, hasher, clock, RegistrationPolicy.ADMINS_ONLY);

        User first = adminsOnly.executeAsOperator(command("root", Role.ADMIN));

        assertEquals(Role.ADMIN, first.role());
        assertEquals(Optional.of(first), users.find("root"));
        assertThrows(UserAlreadyExistsException.class, () -> adminsOnly.executeAsOperator(command("root", Role.USER)));
    }

    @Test
    void theRegistrationPolicyIsReadAsRegistrationSpellsIt() {
        assertEquals(RegistrationPolicy.OPEN, RegistrationPolicy.parse("open"));
        assertEquals(RegistrationPolicy.ADMINS_ONLY, RegistrationPolicy.parse(" Admin "));
        assertEquals("admin", RegistrationPolicy.ADMINS_ONLY.label());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegistrationPolicy.parse("closed"));
        assertEquals("must be 'open' or 'admin', not 'closed'", e.getMessage());
    }

    @Test
    void theCommandNeverPrintsThePassword() {
        RegisterUser.Command command = new RegisterUser.Command("ana", "senha123".toCharArray(), null, Role.USER);

        assertFalse(command.toString().contains("senha123"));
    }
}
