package org.magicsteps.core.usecase;

import java.nio.CharBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.PasswordHash;
import org.magicsteps.core.domain.RegistrationPolicy;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.User;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.port.PasswordHasher;
import org.magicsteps.core.port.UserStore;

/**
 * Registers a user with a slowly hashed password, if the {@link RegistrationPolicy} lets whoever
 * asks: through the service, the signed-in caller or nobody ({@link #execute}); at the command
 * line, the operator, whom no policy binds ({@link #executeAsOperator}).
 */
public final class RegisterUser {

    /**
     * @param username 3–64 letters, digits or {@code . _ @ -}
     * @param password 8–128 characters; cleared once hashed
     * @param fullName may be {@code null}
     * @param role the role the new user gets
     */
    public record Command(String username, char[] password, String fullName, Role role) {

        @Override
        public String toString() {
            return "Command[username=" + username + ", password=hidden, fullName=" + fullName + ", role=" + role + "]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Command c && Objects.equals(username, c.username)
                    && Arrays.equals(password, c.password) && Objects.equals(fullName, c.fullName) && role == c.role;
        }

        @Override
        public int hashCode() {
            return Objects.hash(username, fullName, role);
        }
    }

    private final UserStore users;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final RegistrationPolicy policy;

    public RegisterUser(UserStore users, PasswordHasher hasher, Clock clock, RegistrationPolicy policy) {
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Who may register users through the service. */
    public RegistrationPolicy policy() {
        return policy;
    }

    /**
     * A registration through the service.
     *
     * @param registrar the signed-in caller, or empty for somebody registering themselves
     * @return the new user
     * @throws AccessDeniedException when the policy does not let {@code registrar} register a user
     *     with the command's role (checked before anything else)
     * @throws ValidationException listing what is wrong with the username and the password
     * @throws UserAlreadyExistsException when the username is taken
     */
    public User execute(Optional<Actor> registrar, Command command) {
        Objects.requireNonNull(registrar, "registrar");
        if (!policy.allows(registrar, command.role())) {
            throw new AccessDeniedException(command.role() == Role.ADMIN ? "only an admin may register an admin"
                    : "only an admin may register users (REGISTRATION=" + policy.label() + ")");
        }
        return register(command);
    }

    /**
     * A registration by the operator at the command line, who already holds the store: no policy
     * applies, so this is how the first admin is made. Never reachable from the network.
     *
     * @return the new user
     * @throws ValidationException listing what is wrong with the username and the password
     * @throws UserAlreadyExistsException when the username is taken
     */
    public User executeAsOperator(Command command) {
        return register(command);
    }

    private User register(Command command) {
        List<Violation> violations = new ArrayList<>(User.checkUsername(command.username()));
        violations.addAll(User.checkPassword(
                command.password() == null ? null : CharBuffer.wrap(command.password()), command.username()));
        if (command.fullName() != null && command.fullName().length() > 200) {
            violations.add(Violation.of("full_name", null, Violation.Kind.TOO_LONG,
                    "full_name: must have at most 200 characters, it has " + command.fullName().length()));
        }
        ValidationException.throwIfAny(violations);
        if (users.find(command.username()).isPresent()) {
            throw new UserAlreadyExistsException(command.username());
        }
        PasswordHash hash = hasher.hash(command.password());
        Arrays.fill(command.password(), '\0');
        User user = new User(command.username(), command.fullName(), Objects.requireNonNull(command.role(), "role"),
                hash, false, clock.instant());
        if (!users.add(user)) {
            throw new UserAlreadyExistsException(command.username());
        }
        return user;
    }
}
